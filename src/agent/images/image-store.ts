/**
 * The node's images: pulls (resolve → config → layers downloaded and unpacked into the shared
 * LayerStore), imports of image archives (image-import.ts), the record of each image kept in
 * `images.json` (tags, repo digests, layers, runtime config; shared with `navarch images`, so a
 * change made by another process is seen at the next lookup), lookups by any name a pod may use,
 * removal, and pruning of unreferenced content.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { importImageArchive } from './image-import.js';
import { ImagesFile } from './images-file.js';
import { recordInto, type ImageLayer, type ImageRecord } from './image-record.js';
import { hostPlatform, parseImageConfig, type ImageConfig, type Platform } from './manifest.js';
import { ImagePullError } from './pull-error.js';
import {
  InvalidReferenceError, formatReference, parseReference, repositoryName, withDefaultTag, type ImageReference,
} from './reference.js';
import { LayerStore } from './layer-store.js';
import { RegistryClient, RegistryError, type CredentialLookup, type ResolvedImage } from './registry-client.js';
import type { RegistriesConfig } from './registries-config.js';

export type { ImageLayer, ImageRecord };

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
  private readonly file: ImagesFile;
  readonly platform: Platform;

  constructor(private readonly opts: ImageStoreOptions) {
    this.layers = new LayerStore(opts.root);
    this.platform = opts.platform ?? hostPlatform();
    this.client = new RegistryClient({ config: opts.registries, platform: this.platform });
    this.file = new ImagesFile(join(opts.root, 'images.json'));
  }

  get root(): string {
    return this.opts.root;
  }

  async init(): Promise<void> {
    await mkdir(this.opts.root, { recursive: true });
    await this.layers.init();
    this.images = await this.file.read();
  }

  list(): ImageRecord[] {
    this.refresh();
    return this.images.slice();
  }

  /** The image a pod's `image:` names (tag, digest, or image id), if present. */
  find(image: string): ImageRecord | undefined {
    this.refresh();
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
    let found = false;
    const isId = /^sha256:[a-f0-9]{64}$/.test(image);
    await this.mutate((images) => {
      this.images = images;
      const rec = this.find(image);
      if (rec === undefined) return undefined;
      found = true;
      if (isId) return images.filter((i) => i !== rec);
      const ref = withDefaultTag(parseReference(image));
      if (ref.digest !== undefined) {
        rec.repoDigests = rec.repoDigests.filter((d) => d !== `${repositoryName(ref)}@${ref.digest}`);
        rec.repoTags = rec.repoTags.filter((t) => !t.startsWith(`${repositoryName(ref)}:`));
      } else {
        rec.repoTags = rec.repoTags.filter((t) => t !== formatReference(ref));
        const repo = repositoryName(ref);
        if (!rec.repoTags.some((t) => t.startsWith(`${repo}:`))) rec.repoDigests = rec.repoDigests.filter((d) => !d.startsWith(`${repo}@`));
      }
      return rec.repoTags.length === 0 && rec.repoDigests.length === 0 ? images.filter((i) => i !== rec) : images;
    });
    return found;
  }

  /**
   * Imports the images of an archive: an OCI image layout (a tar, possibly gzipped, or a directory)
   * or a `docker save` tar. Digests are verified, layers unpacked into the shared layer store, and
   * the images recorded under the names the archive gives; returns their records.
   */
  async importArchive(path: string): Promise<ImageRecord[]> {
    const found = await importImageArchive(path, { layers: this.layers, platform: this.platform });
    let stored: ImageRecord[] = [];
    try {
      await this.mutate((images) => {
        let next = images;
        for (const img of found.images) {
          this.checkLayers(img.record, `Cannot import ${path}`);
          next = recordInto(next, img.record);
        }
        stored = found.images.map((img) => next.find((i) => i.id === img.record.id)!);
        return next;
      });
    } finally {
      found.release();
    }
    return stored;
  }

  /**
   * Deletes layers and blobs no image refers to, except layers in use by containers and content a
   * pull or import (of any process) is storing right now. Runs under the images.json lock, so no
   * image is recorded meanwhile; an image recorded after checks that its layers survived.
   */
  async prune(layersInUse: ReadonlySet<string> = new Set()): Promise<{ layers: number; blobs: number }> {
    let layers = 0;
    let blobs = 0;
    const trash: string[] = [];
    await this.mutate(async (images) => {
      const pinned = this.layers.pinned();
      const keepLayers = new Set<string>([...layersInUse, ...pinned]);
      const keepBlobs = new Set<string>(pinned);
      for (const img of images) {
        keepBlobs.add(img.id);
        for (const l of img.layers) {
          keepLayers.add(l.diffID);
          keepBlobs.add(l.digest);
        }
      }
      for (const d of await this.layers.listLayers()) {
        if (keepLayers.has(d)) continue;
        const t = await this.layers.trashLayer(d);
        if (t !== undefined) { trash.push(t); layers++; }
      }
      for (const d of await this.layers.listBlobs()) {
        if (keepBlobs.has(d)) continue;
        await this.layers.removeBlob(d);
        blobs++;
      }
      return undefined;
    });
    for (const t of trash) await rm(t, { recursive: true, force: true });
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
    // Until the image is recorded, a prune (here or in another process) must leave its content alone.
    const releases = [this.layers.pin([m.config.digest, ...m.layers.map((l) => l.digest)])];
    try {
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
      const diffIDs = config.rootfs.diff_ids;
      const layers: ImageLayer[] = m.layers.map((l, i) => ({ digest: l.digest, diffID: diffIDs[i]!, size: l.size, mediaType: l.mediaType }));
      releases.push(this.layers.pin(diffIDs));
      return await this.storePulled(ref, resolved, layers, config, creds, fail);
    } finally {
      for (const r of releases) r();
    }
  }

  private async storePulled(ref: ImageReference, resolved: ResolvedImage, layers: ImageLayer[], config: ImageConfig,
    creds: CredentialLookup | undefined, fail: (what: string, err: unknown, kind?: 'Unpack') => ImagePullError): Promise<ImageRecord> {
    const m = resolved.manifest;
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
    await this.mutate((images) => {
      try {
        this.checkLayers(record, `failed to pull and unpack image "${formatReference(ref)}"`);
      } catch (err) {
        throw new ImagePullError((err as Error).message, 'Unknown', 'Unpack');
      }
      return recordInto(images, record);
    });
    return this.images.find((i) => i.id === record.id)!;
  }

  /** Under the lock, before recording: every layer is still there (a prune elsewhere did not race us). */
  private checkLayers(rec: ImageRecord, what: string): void {
    for (const l of rec.layers) {
      if (!existsSync(this.layers.layerDir(l.diffID))) {
        throw new Error(`${what}: layer ${l.diffID} was deleted by an image prune while it was being stored; try again`);
      }
    }
  }

  /** Picks up a change another process made to images.json. */
  private refresh(): void {
    const fresh = this.file.readIfChanged();
    if (fresh !== undefined) this.images = fresh;
  }

  /** Changes the records under the file's lock, starting from the newest on disk. */
  private async mutate(change: (images: ImageRecord[]) => ImageRecord[] | undefined | Promise<ImageRecord[] | undefined>): Promise<void> {
    this.images = await this.file.update(change);
  }

  private async fetchBlobOnce(image: ResolvedImage, desc: { digest: string; size: number; mediaType: string },
    creds: CredentialLookup | undefined, read: boolean): Promise<Buffer | undefined> {
    const path = this.layers.blobPath(desc.digest);
    await this.layers.exclusive(`blob:${desc.digest}`, async () => {
      if (!(await this.layers.hasBlob(desc.digest))) await this.client.fetchBlob(image, desc, path, creds);
    });
    return read ? readFile(path) : undefined;
  }

}
