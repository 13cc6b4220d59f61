/**
 * Importing images from an archive, as `ctr images import` and `docker load` do, into the same
 * layer store pulls use. Two formats:
 *   - an OCI image layout (`oci-layout`, `index.json`, `blobs/sha256/…`; `docker save` of Docker 25
 *     and later writes one, plus a `manifest.json`): every descriptor of index.json is an image,
 *     named by its `io.containerd.image.name` annotation or a full reference in
 *     `org.opencontainers.image.ref.name` (a bare tag names nothing); a multi-platform index
 *     contributes the node's platform;
 *   - a `docker save` archive (`manifest.json`: Config, RepoTags, Layers; layers tar or tar.gz).
 * Every blob is checked against its digest and size, every layer's content against its diffID.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, rename, rm } from 'node:fs/promises';
import {
  hashFile, namesOf, parseDockerManifest, platformString, samePlatform, type DockerManifestEntry,
} from './archive-formats.js';
import { openArchive, readSmall, type ArchiveFiles } from './image-archive.js';
import type { ImageLayer, ImageRecord } from './image-record.js';
import { hex, type LayerStore } from './layer-store.js';
import {
  MediaTypes, parseImageConfig, parseManifest, selectPlatform, type Descriptor, type ImageConfig, type ImageManifest, type Platform,
} from './manifest.js';
import { formatReference, parseReference, repositoryName, withDefaultTag } from './reference.js';

export interface ImportContext { layers: LayerStore; platform: Platform }

export interface ImportResult {
  /** One record per image (names of the same image merged), not yet written to images.json. */
  images: Array<{ record: ImageRecord }>;
  /** Lets prune delete the imported content again: call once the records are saved. */
  release(): void;
}

export async function importImageArchive(path: string, ctx: ImportContext): Promise<ImportResult> {
  const files = await openArchive(path, ctx.layers.tempPath('import'));
  const importer = new Importer(path, files, ctx);
  try {
    return { images: await importer.run(), release: () => importer.release() };
  } catch (err) {
    importer.release();
    throw err;
  } finally {
    await files.close();
  }
}

interface Found { names: string[]; topDigest?: string; manifestDigest: string; manifest: ImageManifest }

class Importer {
  private readonly unpins: Array<() => void> = [];
  /** Archive file (staged or real path, links resolved) → what it was stored as (a staged file is renamed away on first use). */
  private readonly stored = new Map<string, { digest: string; size: number }>();
  /** Platforms of images left out because they are not the node's. */
  private readonly otherPlatforms: string[] = [];

  constructor(private readonly path: string, private readonly files: ArchiveFiles, private readonly ctx: ImportContext) {}

  release(): void {
    for (const u of this.unpins.splice(0)) u();
  }

  async run(): Promise<Array<{ record: ImageRecord }>> {
    const hasIndex = (await this.files.file('index.json')) !== undefined;
    const dockerManifest = await this.readDockerManifest();
    if (!hasIndex && dockerManifest === undefined) {
      throw this.error('it is neither an OCI image layout (no index.json) nor a docker save archive (no manifest.json)');
    }
    const found = hasIndex ? await this.fromIndex(dockerManifest ?? []) : await this.fromDockerManifest(dockerManifest ?? []);
    const records: ImageRecord[] = [];
    for (const f of found) {
      const rec = await this.store(f);
      if (rec === undefined) continue;
      const same = records.find((r) => r.id === rec.id);
      if (same) {
        same.repoTags = [...new Set([...same.repoTags, ...rec.repoTags])];
        same.repoDigests = [...new Set([...same.repoDigests, ...rec.repoDigests])];
      } else {
        records.push(rec);
      }
    }
    if (records.length === 0) {
      const seen = [...new Set(this.otherPlatforms)].join(', ');
      throw this.error(`no image in it is for ${platformString(this.ctx.platform)}${seen ? ` (it has ${seen})` : ''}`);
    }
    return records.map((record) => ({ record }));
  }

  private async fromIndex(dockerManifest: DockerManifestEntry[]): Promise<Found[]> {
    const layout = await this.files.file('oci-layout');
    if (layout !== undefined) {
      const version = (JSON.parse((await readSmall(layout)).toString('utf8')) as { imageLayoutVersion?: unknown }).imageLayoutVersion;
      if (typeof version === 'string' && !version.startsWith('1.')) throw this.error(`its OCI layout version ${version} is not supported`);
    }
    const parsed = parseManifest(await readSmall((await this.files.file('index.json'))!), MediaTypes.ociIndex);
    if (parsed.kind !== 'index') throw this.error('its index.json is not an image index');
    if (parsed.index.manifests.length === 0) throw this.error('its index.json lists no images');
    // Docker's manifest.json beside the layout names images by their config blob.
    const dockerTags = new Map<string, string[]>();
    for (const e of dockerManifest) {
      const m = /^blobs\/sha256\/([a-f0-9]{64})$/.exec(e.Config);
      if (m && e.RepoTags) dockerTags.set(`sha256:${m[1]}`, e.RepoTags);
    }
    const out: Found[] = [];
    for (const top of parsed.index.manifests) {
      const names = namesOf(top);
      const body = await this.readBlob(top, 'manifest');
      let doc = parseManifest(body, top.mediaType);
      let manifestDigest = top.digest;
      if (doc.kind === 'index') {
        const pick = selectPlatform(doc.index, this.ctx.platform);
        if (pick === undefined) {
          this.otherPlatforms.push(...doc.index.manifests.flatMap((d) => (d.platform ? [platformString(d.platform)] : [])));
          continue;
        }
        doc = parseManifest(await this.readBlob(pick, 'manifest'), pick.mediaType);
        if (doc.kind !== 'manifest') throw this.error(`manifest ${pick.digest} is an index inside an index`);
        manifestDigest = pick.digest;
      } else if (top.platform !== undefined && !samePlatform(top.platform, this.ctx.platform)) {
        this.otherPlatforms.push(platformString(top.platform));
        continue;
      }
      names.push(...(dockerTags.get(doc.manifest.config.digest) ?? []));
      out.push({ names, topDigest: top.digest, manifestDigest, manifest: doc.manifest });
    }
    return out;
  }

  private async fromDockerManifest(entries: DockerManifestEntry[]): Promise<Found[]> {
    if (entries.length === 0) throw this.error('its manifest.json lists no images');
    const out: Found[] = [];
    for (const e of entries) {
      const config = await this.storeFile(e.Config, undefined, 'config');
      const m = /^(?:blobs\/sha256\/)?([a-f0-9]{64})(?:\.json)?$/.exec(e.Config);
      if (m && `sha256:${m[1]}` !== config.digest) {
        throw this.error(`config ${e.Config} does not match its digest: its content is ${config.digest}`);
      }
      const layers: Descriptor[] = [];
      for (const l of e.Layers) {
        const blob = await this.storeFile(l, undefined, 'layer');
        const lm = /^blobs\/sha256\/([a-f0-9]{64})$/.exec(l);
        if (lm && `sha256:${lm[1]}` !== blob.digest) throw this.error(`layer ${l} does not match its digest: its content is ${blob.digest}`);
        layers.push({ digest: blob.digest, size: blob.size, mediaType: await this.sniffLayer(blob.digest) });
      }
      const manifest: ImageManifest = {
        schemaVersion: 2,
        mediaType: MediaTypes.dockerManifest,
        config: { mediaType: MediaTypes.dockerConfig, digest: config.digest, size: config.size },
        layers,
      };
      // No manifest travels in this format: the image is known by the one it would have.
      const manifestDigest = `sha256:${createHash('sha256').update(JSON.stringify(manifest)).digest('hex')}`;
      out.push({ names: e.RepoTags ?? [], manifestDigest, manifest });
    }
    return out;
  }

  /** Stores the config and layers of an image; undefined when its config is for another platform. */
  private async store(f: Found): Promise<ImageRecord | undefined> {
    const m = f.manifest;
    let config: ImageConfig;
    try {
      config = parseImageConfig(await this.readBlob(m.config, 'config'));
    } catch (err) {
      throw this.error((err as Error).message.replace(/^Cannot import [^:]*: /, ''));
    }
    const platform: Platform = { os: config.os, architecture: config.architecture, ...(config.variant ? { variant: config.variant } : {}) };
    if (config.os !== '' && config.architecture !== '' && !samePlatform(platform, this.ctx.platform)) {
      this.otherPlatforms.push(platformString(platform));
      return undefined;
    }
    if (config.rootfs.diff_ids.length !== m.layers.length) {
      throw this.error(`image ${m.config.digest} has ${m.layers.length} layers but its config lists ${config.rootfs.diff_ids.length} diff_ids`);
    }
    if (!this.storedDigest(m.config.digest)) await this.storeFile(blobRel(m.config.digest), m.config, 'config');
    const layers: ImageLayer[] = m.layers.map((l, i) => ({ digest: l.digest, diffID: config.rootfs.diff_ids[i]!, size: l.size, mediaType: l.mediaType }));
    this.unpins.push(this.ctx.layers.pin([m.config.digest, ...layers.flatMap((l) => [l.digest, l.diffID])]));
    for (const l of layers) {
      if (await this.ctx.layers.hasLayer(l.diffID)) continue;
      if (!this.storedDigest(l.digest)) await this.storeFile(blobRel(l.digest), l, 'layer');
      try {
        await this.ctx.layers.unpack(l.digest, l.mediaType, l.diffID);
      } catch (err) {
        throw this.error(`failed to extract layer ${l.diffID}: ${(err as Error).message}`);
      }
    }
    const repoTags: string[] = [];
    const repoDigests: string[] = [];
    for (const name of f.names) {
      let ref;
      try {
        ref = withDefaultTag(parseReference(name));
      } catch (err) {
        throw this.error(`it names an image "${name}" that is not a valid reference: ${(err as Error).message}`);
      }
      if (ref.digest !== undefined) repoDigests.push(`${repositoryName(ref)}@${ref.digest}`);
      if (ref.tag !== undefined) {
        repoTags.push(formatReference({ domain: ref.domain, path: ref.path, tag: ref.tag }));
        if (f.topDigest !== undefined) repoDigests.push(`${repositoryName(ref)}@${f.topDigest}`);
      }
    }
    return {
      id: m.config.digest,
      repoTags: [...new Set(repoTags)],
      repoDigests: [...new Set(repoDigests)],
      manifestDigest: f.manifestDigest,
      layers,
      size: m.config.size + layers.reduce((n, l) => n + l.size, 0),
      config: config.config ?? {},
      platform,
      pulledAt: new Date().toISOString(),
    };
  }

  private storedDigest(digest: string): boolean {
    for (const s of this.stored.values()) if (s.digest === digest) return true;
    return false;
  }

  /** A blob's bytes (a manifest or config), checked against its descriptor. */
  private async readBlob(desc: Descriptor, what: string): Promise<Buffer> {
    const rel = blobRel(desc.digest, this);
    // Already moved into the store (a staged file is renamed there; docker save configs have other names).
    const file = this.storedDigest(desc.digest) ? this.ctx.layers.blobPath(desc.digest) : await this.files.file(rel);
    if (file === undefined) throw this.error(`${what} ${desc.digest} is not in it (no ${rel})`);
    const body = await readSmall(file);
    const got = `sha256:${createHash('sha256').update(body).digest('hex')}`;
    if (got !== desc.digest) throw this.error(`${what} ${rel} does not match its digest: its content is ${got}`);
    if (body.length !== desc.size) throw this.error(`${what} ${rel} is ${body.length} bytes, its descriptor says ${desc.size}`);
    return body;
  }

  /**
   * Puts an archive file into the blob store under the digest of its content, checking it against
   * `expect` when the archive says what it should be.
   */
  private async storeFile(rel: string, expect: { digest: string; size: number } | undefined, what: string): Promise<{ digest: string; size: number }> {
    const src = await this.files.file(rel);
    const done = src === undefined ? undefined : this.stored.get(src);
    if (done) return done;
    if (src === undefined) throw this.error(`${what} ${expect?.digest ?? rel} is not in it (no ${rel})`);
    const layers = this.ctx.layers;
    let own = src;
    if (!this.files.staged) {
      own = layers.tempPath('blob');
      await copyFile(src, own);
    }
    try {
      const got = await hashFile(own);
      if (expect !== undefined && got.digest !== expect.digest) throw this.error(`${what} ${rel} does not match its digest: its content is ${got.digest}`);
      if (expect !== undefined && got.size !== expect.size) throw this.error(`${what} ${rel} is ${got.size} bytes, its descriptor says ${expect.size}`);
      this.unpins.push(layers.pin([got.digest]));
      if (await layers.hasBlob(got.digest)) {
        if (!this.files.staged) await rm(own, { force: true });
      } else {
        await rename(own, layers.blobPath(got.digest));
      }
      this.stored.set(src, got);
      return got;
    } catch (err) {
      if (!this.files.staged) await rm(own, { force: true });
      throw err;
    }
  }

  private async sniffLayer(digest: string): Promise<string> {
    const fh = createReadStream(this.ctx.layers.blobPath(digest), { start: 0, end: 1 });
    const chunks: Buffer[] = [];
    for await (const c of fh) chunks.push(c as Buffer);
    const b = Buffer.concat(chunks);
    return b[0] === 0x1f && b[1] === 0x8b ? MediaTypes.dockerLayerGzip : 'application/vnd.docker.image.rootfs.diff.tar';
  }

  private async readDockerManifest(): Promise<DockerManifestEntry[] | undefined> {
    const file = await this.files.file('manifest.json');
    if (file === undefined) return undefined;
    try {
      return parseDockerManifest((await readSmall(file)).toString('utf8'));
    } catch (err) {
      throw this.error((err as Error).message);
    }
  }

  error(message: string): Error {
    return new Error(`Cannot import ${this.path}: ${message}`);
  }
}

function blobRel(digest: string, importer?: Importer): string {
  try {
    return `blobs/sha256/${hex(digest)}`;
  } catch {
    const msg = `blob digest "${digest}" is not a sha256 digest`;
    throw importer ? importer.error(msg) : new Error(msg);
  }
}
