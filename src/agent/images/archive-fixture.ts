/**
 * Small image archives for tests, built here without docker: an OCI image layout (optionally with
 * a multi-platform index and Docker's manifest.json beside it, as `docker save` of Docker 25+
 * writes) and a classic `docker save` archive (layer folders, `<config hex>.json`, manifest.json;
 * a layer two images share is a symbolic link, as Docker writes it). Layers are made with the `tar`
 * command from a map of file names to contents.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface TestImage {
  /** Full names (`docker.io/library/x:1`) for OCI, RepoTags (`x:1`) for docker save. */
  names: string[];
  /** Each layer: file path → content. */
  layers: Array<Record<string, string>>;
  cmd?: string[];
  architecture?: string;
}

export interface BuiltImage {
  /** sha256 of the config: the image id. */
  id: string;
  manifestDigest: string;
  /** The digest index.json points at (the manifest, or the platform index wrapping it). */
  topDigest: string;
  diffIDs: string[];
  /** Blob digests of the layers (differ from diffIDs when gzipped). */
  layerDigests: string[];
}

const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** A layer tar of `files` (fixed times and owners, so equal input gives equal digests). */
export function layerTar(files: Record<string, string>): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'navarch-layer-'));
  try {
    const root = join(dir, 'root');
    mkdirSync(root);
    for (const [name, body] of Object.entries(files)) {
      mkdirSync(dirname(join(root, name)), { recursive: true });
      writeFileSync(join(root, name), body, { mode: 0o755 });
    }
    execFileSync('tar', ['--sort=name', '--mtime=@0', '--owner=0', '--group=0', '--numeric-owner', '-cf', join(dir, 'l.tar'), '-C', root, '.']);
    return readFileSync(join(dir, 'l.tar'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function configOf(img: TestImage, diffIDs: string[]): Buffer {
  return Buffer.from(JSON.stringify({
    architecture: img.architecture ?? 'amd64', os: 'linux', created: '2024-01-01T00:00:00Z',
    config: { Cmd: img.cmd ?? ['sh'], Env: ['PATH=/bin'] },
    rootfs: { type: 'layers', diff_ids: diffIDs },
  }));
}

/**
 * Writes an OCI image layout into `dir`. `multiPlatform` wraps each image in an index that also
 * lists a linux/arm64 manifest (whose blobs are absent, as `docker save` leaves them);
 * `dockerManifest` adds Docker's manifest.json; `gzip` compresses the layers.
 */
export function writeOciLayout(dir: string, images: TestImage[], opts: { multiPlatform?: boolean; dockerManifest?: boolean; gzip?: boolean } = {}): BuiltImage[] {
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  const put = (b: Buffer): { digest: string; size: number } => {
    const h = sha(b);
    writeFileSync(join(dir, 'blobs', 'sha256', h), b);
    return { digest: `sha256:${h}`, size: b.length };
  };
  const built: BuiltImage[] = [];
  const index: object[] = [];
  const docker: object[] = [];
  for (const img of images) {
    const tars = img.layers.map(layerTar);
    const diffIDs = tars.map((t) => `sha256:${sha(t)}`);
    const blobs = tars.map((t) => put(opts.gzip ? gzipSync(t) : t));
    const config = put(configOf(img, diffIDs));
    const manifest = Buffer.from(JSON.stringify({
      schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: blobs.map((b) => ({ mediaType: `application/vnd.oci.image.layer.v1.tar${opts.gzip ? '+gzip' : ''}`, ...b })),
    }));
    const m = put(manifest);
    let top = { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...m };
    if (opts.multiPlatform) {
      const absent = `sha256:${sha(randomBytes(16))}`;
      const idx = put(Buffer.from(JSON.stringify({
        schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [
          { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: absent, size: 500, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
          { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...m, platform: { os: 'linux', architecture: img.architecture ?? 'amd64' } },
        ],
      })));
      top = { mediaType: 'application/vnd.oci.image.index.v1+json', ...idx };
    }
    for (const name of img.names.length > 0 ? img.names : [undefined]) {
      const tag = name?.slice(name.lastIndexOf(':') + 1);
      index.push({ ...top, ...(name ? { annotations: { 'io.containerd.image.name': name, 'org.opencontainers.image.ref.name': tag } } : {}) });
    }
    docker.push({ Config: `blobs/${config.digest.replace(':', '/')}`, RepoTags: img.names, Layers: blobs.map((b) => `blobs/${b.digest.replace(':', '/')}`) });
    built.push({ id: config.digest, manifestDigest: m.digest, topDigest: top.digest, diffIDs, layerDigests: blobs.map((b) => b.digest) });
  }
  writeFileSync(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: index }));
  if (opts.dockerManifest) writeFileSync(join(dir, 'manifest.json'), JSON.stringify(docker));
  return built;
}

/** Writes a classic `docker save` archive's files into `dir`; `gzip` compresses the layer tars. */
export function writeDockerSave(dir: string, images: TestImage[], opts: { gzip?: boolean } = {}): BuiltImage[] {
  mkdirSync(dir, { recursive: true });
  const built: BuiltImage[] = [];
  const entries: object[] = [];
  const layerDirs = new Map<string, string>(); // diffID → folder holding its layer.tar
  for (const [n, img] of images.entries()) {
    const tars = img.layers.map(layerTar);
    const diffIDs = tars.map((t) => `sha256:${sha(t)}`);
    const paths: string[] = [];
    const digests: string[] = [];
    tars.forEach((t, i) => {
      const body = opts.gzip ? gzipSync(t) : t;
      digests.push(`sha256:${sha(body)}`);
      const folder = sha(`${n}:${diffIDs.slice(0, i + 1).join(',')}`); // a v1 id: not a digest of anything stored
      mkdirSync(join(dir, folder), { recursive: true });
      const earlier = layerDirs.get(diffIDs[i]!);
      if (earlier !== undefined && earlier !== folder) symlinkSync(`../${earlier}/layer.tar`, join(dir, folder, 'layer.tar'));
      else if (earlier === undefined) writeFileSync(join(dir, folder, 'layer.tar'), body);
      layerDirs.set(diffIDs[i]!, folder);
      paths.push(`${folder}/layer.tar`);
    });
    const config = configOf(img, diffIDs);
    writeFileSync(join(dir, `${sha(config)}.json`), config);
    entries.push({ Config: `${sha(config)}.json`, RepoTags: img.names.length > 0 ? img.names : null, Layers: paths });
    built.push({ id: `sha256:${sha(config)}`, manifestDigest: '', topDigest: '', diffIDs, layerDigests: digests });
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(entries));
  return built;
}

/** Tars the contents of `dir` into `out` (entries named without `./`, as docker save writes them). */
export function tarDirectory(dir: string, out: string, opts: { gzip?: boolean } = {}): void {
  const names = readdirSync(dir).sort();
  execFileSync('tar', ['--sort=name', '--owner=0', '--group=0', '--numeric-owner', '-cf', out, '-C', dir, ...names]);
  if (opts.gzip) writeFileSync(out, gzipSync(readFileSync(out)));
}
