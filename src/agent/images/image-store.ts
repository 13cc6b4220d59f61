/**
 * The node's images: pulls (resolve → config → layers downloaded and unpacked into the shared
 * LayerStore), the record of each image kept in `images.json` (tags, repo digests, layers, runtime
 * config), lookups by any name a pod may use, removal, and pruning of unreferenced content.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hostPlatform, parseImageConfig, type ImageRuntimeConfig, type Platform } from './manifest.js';
import { ImagePullError } from './pull-error.js';
import {
  InvalidReferenceError, formatReference, parseReference, repositoryName, withDefaultTag, type ImageReference,
} from './reference.js';
import { LayerStore } from './layer-store.js';
import { RegistryClient, RegistryError, type CredentialLookup, type ResolvedImage } from './registry-client.js';
import type { RegistriesConfig } from './registries-config.js';

export interface ImageLayer { digest: string; diffID: string; size: number; mediaType: string }

export interface ImageRecord {
  /** The config digest (what CRI calls the image id). */
  id: string;
  repoTags: string[];
  repoDigests: string[];
  manifestDigest: string;
  layers: ImageLayer[];
  /** Compressed layers plus config, in bytes (the "Image size" of the Pulled event). */
  size: number;
  config: ImageRuntimeConfig;
  platform: Platform;
  pulledAt: string;
}

export interface ImageStoreOptions {
  /** Where blobs, layers and images.json live, e.g. `<dataDir>/images`. */
  root: string;
  registries: RegistriesConfig;
  platform?: Platform;
}

export class ImageStore {
  readonly layers: LayerStore;
  private readonly client: RegistryClient;
  private images: ImageRecord[] = [];
  private readonly inflight = new Map<string, Promise<ImageRecord>>();
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly opts: ImageStoreOptions) {
    this.layers = new LayerStore(opts.root);
    this.client = new RegistryClient({ config: opts.registries, platform: opts.platform ?? hostPlatform() });
  }

  async init(): Promise<void> {
    await mkdir(this.opts.root, { recursive: true });
    await this.layers.init();
    try {
      const doc = JSON.parse(await readFile(this.indexPath(), 'utf8')) as { images?: ImageRecord[] };
      this.images = Array.isArray(doc.images) ? doc.images : [];
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }

  list(): ImageRecord[] {
    return this.images.slice();
  }

  /** The image a pod's `image:` names (tag, digest, or image id), if present. */
  find(image: string): ImageRecord | undefined {
    if (/^sha256:[a-f0-9]{64}$/.test(image)) return this.images.find((i) => i.id === image);
    let ref: ImageReference;
    try {
      ref = withDefaultTag(parseReference(image));
    } catch {
      return undefined;
    }
    if (ref.digest !== undefined) {
      const want = `${repositoryName(ref)}@${ref.digest}`;
      return this.images.find((i) => i.repoDigests.includes(want));
    }
    const want = formatReference(ref);
    return this.images.find((i) => i.repoTags.includes(want));
  }

  /** The unpacked layer directories of an image, lowest layer first. */
  layerDirs(image: ImageRecord): string[] {
    return image.layers.map((l) => this.layers.layerDir(l.diffID));
  }

  /** Pulls an image (concurrent pulls of the same name share one). Errors are ImagePullError. */
  pull(image: string, creds?: CredentialLookup): Promise<ImageRecord> {
    let ref: ImageReference;
    try {
      ref = withDefaultTag(parseReference(image));
    } catch (err) {
      const msg = err instanceof InvalidReferenceError ? err.message : String(err);
      return Promise.reject(new ImagePullError(msg, 'InvalidArgument', 'Invalid'));
    }
    const key = formatReference(ref);
    const running = this.inflight.get(key);
    if (running) return running;
    const p = this.doPull(ref, creds).finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  /** Removes one name of an image (or, given its id, the whole image); content stays until prune. */
  async remove(image: string): Promise<boolean> {
    const rec = this.find(image);
    if (rec === undefined) return false;
    if (/^sha256:[a-f0-9]{64}$/.test(image)) {
      this.images = this.images.filter((i) => i !== rec);
    } else {
      const ref = withDefaultTag(parseReference(image));
      if (ref.digest !== undefined) {
        rec.repoDigests = rec.repoDigests.filter((d) => d !== `${repositoryName(ref)}@${ref.digest}`);
        rec.repoTags = rec.repoTags.filter((t) => !t.startsWith(`${repositoryName(ref)}:`));
      } else {
        rec.repoTags = rec.repoTags.filter((t) => t !== formatReference(ref));
        const repo = repositoryName(ref);
        if (!rec.repoTags.some((t) => t.startsWith(`${repo}:`))) rec.repoDigests = rec.repoDigests.filter((d) => !d.startsWith(`${repo}@`));
      }
      if (rec.repoTags.length === 0 && rec.repoDigests.length === 0) this.images = this.images.filter((i) => i !== rec);
    }
    await this.save();
    return true;
  }

  /** Deletes layers and blobs no image refers to, except layers in use by containers. */
  async prune(layersInUse: ReadonlySet<string> = new Set()): Promise<{ layers: number; blobs: number }> {
    const keepLayers = new Set<string>(layersInUse);
    const keepBlobs = new Set<string>();
    for (const img of this.images) {
      keepBlobs.add(img.id);
      for (const l of img.layers) {
        keepLayers.add(l.diffID);
        keepBlobs.add(l.digest);
      }
    }
    let layers = 0;
    let blobs = 0;
    for (const d of await this.layers.listLayers()) {
      if (!keepLayers.has(d)) { await this.layers.removeLayer(d); layers++; }
    }
    for (const d of await this.layers.listBlobs()) {
      if (!keepBlobs.has(d)) { await this.layers.removeBlob(d); blobs++; }
    }
    return { layers, blobs };
  }

  private async doPull(ref: ImageReference, creds?: CredentialLookup): Promise<ImageRecord> {
    const name = formatReference(ref);
    const fail = (what: string, err: unknown, kind?: 'Unpack'): ImagePullError => {
      const re = err instanceof RegistryError ? err : undefined;
      const code = re?.kind === 'NotFound' ? 'NotFound' : 'Unknown';
      const inner = err instanceof Error ? err.message : String(err);
      return new ImagePullError(`failed to pull and unpack image "${name}": ${what}${inner}`, code, kind ?? re?.kind ?? 'Unknown');
    };
    let resolved: ResolvedImage;
    try {
      resolved = await this.client.resolve(ref, creds);
    } catch (err) {
      const platform = err instanceof Error && err.message.startsWith('no match for platform');
      throw fail(platform ? '' : `failed to resolve reference "${name}": `, err);
    }
    const m = resolved.manifest;
    let config;
    try {
      const bytes = await this.fetchBlobOnce(resolved, m.config, creds, true);
      config = parseImageConfig(bytes ?? Buffer.alloc(0));
    } catch (err) {
      throw fail(`failed to fetch config ${m.config.digest}: `, err);
    }
    if (config.rootfs.diff_ids.length !== m.layers.length) {
      throw fail('', new Error(`mismatched image rootfs and manifest layers (${config.rootfs.diff_ids.length} != ${m.layers.length})`));
    }
    const layers: ImageLayer[] = m.layers.map((l, i) => ({
      digest: l.digest, diffID: config.rootfs.diff_ids[i]!, size: l.size, mediaType: l.mediaType,
    }));
    await Promise.all(layers.map(async (l) => {
      if (await this.layers.hasLayer(l.diffID)) return;
      try {
        await this.fetchBlobOnce(resolved, { digest: l.digest, size: l.size, mediaType: l.mediaType }, creds, false);
      } catch (err) {
        throw fail(`failed commit on ref "layer-${l.digest}": `, err);
      }
      try {
        await this.layers.unpack(l.digest, l.mediaType, l.diffID);
      } catch (err) {
        throw fail(`failed to extract layer ${l.diffID}: `, err, 'Unpack');
      }
    }));
    const tag = formatReference({ domain: ref.domain, path: ref.path, ...(ref.tag !== undefined ? { tag: ref.tag } : {}) });
    const repoDigest = `${repositoryName(ref)}@${resolved.digest}`;
    const record: ImageRecord = {
      id: m.config.digest,
      repoTags: ref.tag !== undefined ? [tag] : [],
      repoDigests: [repoDigest],
      manifestDigest: resolved.manifestDigest,
      layers,
      size: m.config.size + layers.reduce((n, l) => n + l.size, 0),
      config: config.config ?? {},
      platform: { os: config.os, architecture: config.architecture, ...(config.variant ? { variant: config.variant } : {}) },
      pulledAt: new Date().toISOString(),
    };
    this.record(record);
    await this.save();
    return this.images.find((i) => i.id === record.id)!;
  }

  /** A tag moves to the newly pulled image; names of the same image are merged. */
  private record(rec: ImageRecord): void {
    for (const other of this.images) {
      if (other.id === rec.id) continue;
      other.repoTags = other.repoTags.filter((t) => !rec.repoTags.includes(t));
    }
    const same = this.images.find((i) => i.id === rec.id);
    if (same) {
      same.repoTags = [...new Set([...same.repoTags, ...rec.repoTags])];
      same.repoDigests = [...new Set([...same.repoDigests, ...rec.repoDigests])];
      same.pulledAt = rec.pulledAt;
    } else {
      this.images.push(rec);
    }
    this.images = this.images.filter((i) => i.repoTags.length > 0 || i.repoDigests.length > 0);
  }

  private async fetchBlobOnce(image: ResolvedImage, desc: { digest: string; size: number; mediaType: string },
    creds: CredentialLookup | undefined, read: boolean): Promise<Buffer | undefined> {
    const path = this.layers.blobPath(desc.digest);
    await this.layers.exclusive(`blob:${desc.digest}`, async () => {
      if (!(await this.layers.hasBlob(desc.digest))) await this.client.fetchBlob(image, desc, path, creds);
    });
    return read ? readFile(path) : undefined;
  }

  private indexPath(): string {
    return join(this.opts.root, 'images.json');
  }

  private save(): Promise<void> {
    const next = this.saving.then(async () => {
      const tmp = `${this.indexPath()}.partial-${process.pid}`;
      await writeFile(tmp, JSON.stringify({ images: this.images }, null, 1));
      await rename(tmp, this.indexPath());
    });
    this.saving = next.catch(() => undefined);
    return next;
  }
}
