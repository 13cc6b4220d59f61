/**
 * The image formats a registry serves: OCI image index and manifest, Docker manifest list and
 * schema 2 manifest, and the image configuration blob. Parsing checks only what a pull relies on.
 */

export const MediaTypes = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  ociLayerNonDistributableGzip: 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestSchema1: 'application/vnd.docker.distribution.manifest.v1+json',
  dockerManifestSchema1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  dockerForeignLayerGzip: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
} as const;

/** What a manifest request accepts, most wanted first. */
export const MANIFEST_ACCEPT = [
  MediaTypes.ociIndex, MediaTypes.dockerManifestList, MediaTypes.ociManifest, MediaTypes.dockerManifest, '*/*',
].join(', ');

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  urls?: string[];
  annotations?: Record<string, string>;
}

export interface Platform { os: string; architecture: string; variant?: string }

export interface ImageIndex { schemaVersion: 2; mediaType: string; manifests: Descriptor[] }
export interface ImageManifest { schemaVersion: 2; mediaType: string; config: Descriptor; layers: Descriptor[] }

/** The runtime part of an image configuration (`config` in the blob). */
export interface ImageRuntimeConfig {
  User?: string;
  ExposedPorts?: Record<string, object>;
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Volumes?: Record<string, object>;
  WorkingDir?: string;
  Labels?: Record<string, string>;
  StopSignal?: string;
}

export interface ImageConfig {
  architecture: string;
  os: string;
  variant?: string;
  created?: string;
  config?: ImageRuntimeConfig;
  rootfs: { type: string; diff_ids: string[] };
}

export type ParsedManifest = { kind: 'index'; index: ImageIndex } | { kind: 'manifest'; manifest: ImageManifest };

/** Reads a manifest body; `contentType` is the response's Content-Type (the body's mediaType wins). */
export function parseManifest(body: Buffer, contentType: string | undefined): ParsedManifest {
  let doc: unknown;
  try {
    doc = JSON.parse(body.toString('utf8'));
  } catch {
    throw new Error('Cannot read manifest: it is not JSON');
  }
  if (!isObject(doc)) throw new Error('Cannot read manifest: it is not a JSON object');
  const declared = typeof doc.mediaType === 'string' ? doc.mediaType : (contentType ?? '').split(';')[0]!.trim();
  if (doc.schemaVersion === 1 || declared === MediaTypes.dockerManifestSchema1 || declared === MediaTypes.dockerManifestSchema1Signed) {
    throw new Error('Cannot read manifest: Docker image manifest schema 1 is not supported');
  }
  if (Array.isArray(doc.manifests) || declared === MediaTypes.ociIndex || declared === MediaTypes.dockerManifestList) {
    if (!Array.isArray(doc.manifests)) throw new Error('Cannot read image index: it lists no manifests');
    const manifests = doc.manifests.map((d) => descriptor(d, 'image index'));
    return { kind: 'index', index: { schemaVersion: 2, mediaType: declared || MediaTypes.ociIndex, manifests } };
  }
  if (!isObject(doc.config) || !Array.isArray(doc.layers)) {
    throw new Error(`Cannot read manifest: media type "${declared}" has no config and layers`);
  }
  return {
    kind: 'manifest',
    manifest: {
      schemaVersion: 2,
      mediaType: declared || MediaTypes.ociManifest,
      config: descriptor(doc.config, 'manifest config'),
      layers: doc.layers.map((d) => descriptor(d, 'manifest layer')),
    },
  };
}

export function parseImageConfig(body: Buffer): ImageConfig {
  let doc: unknown;
  try {
    doc = JSON.parse(body.toString('utf8'));
  } catch {
    throw new Error('Cannot read image config: it is not JSON');
  }
  if (!isObject(doc) || !isObject(doc.rootfs) || !Array.isArray(doc.rootfs.diff_ids)) {
    throw new Error('Cannot read image config: it has no rootfs.diff_ids');
  }
  const diffIds = doc.rootfs.diff_ids.filter((d): d is string => typeof d === 'string');
  return {
    architecture: typeof doc.architecture === 'string' ? doc.architecture : '',
    os: typeof doc.os === 'string' ? doc.os : '',
    ...(typeof doc.variant === 'string' ? { variant: doc.variant } : {}),
    ...(typeof doc.created === 'string' ? { created: doc.created } : {}),
    ...(isObject(doc.config) ? { config: doc.config as ImageRuntimeConfig } : {}),
    rootfs: { type: typeof doc.rootfs.type === 'string' ? doc.rootfs.type : 'layers', diff_ids: diffIds },
  };
}

/** The platform this node runs: linux and Node's architecture in OCI's words. */
export function hostPlatform(): Platform {
  const arch: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };
  const architecture = arch[process.arch] ?? process.arch;
  return architecture === 'arm64' ? { os: 'linux', architecture, variant: 'v8' } : { os: 'linux', architecture };
}

/** Picks the manifest for a platform from an index, as containerd does (os and architecture must match). */
export function selectPlatform(index: ImageIndex, want: Platform): Descriptor | undefined {
  const candidates = index.manifests.filter((d) => d.platform !== undefined
    && d.platform.os === want.os && d.platform.architecture === want.architecture);
  if (want.variant !== undefined) {
    const exact = candidates.find((d) => d.platform?.variant === want.variant);
    if (exact) return exact;
    return candidates.find((d) => d.platform?.variant === undefined || (want.variant === 'v8' && d.platform?.variant === ''));
  }
  return candidates[0];
}

export function isGzipLayer(mediaType: string): boolean {
  return mediaType.endsWith('+gzip') || mediaType.endsWith('.tar.gzip') || mediaType === 'application/x-gzip';
}

export function isZstdLayer(mediaType: string): boolean {
  return mediaType.endsWith('+zstd');
}

function descriptor(d: unknown, where: string): Descriptor {
  if (!isObject(d) || typeof d.digest !== 'string' || typeof d.size !== 'number') {
    throw new Error(`Cannot read ${where}: a descriptor has no digest or size`);
  }
  const out: Descriptor = { mediaType: typeof d.mediaType === 'string' ? d.mediaType : '', digest: d.digest, size: d.size };
  if (isObject(d.platform) && typeof d.platform.os === 'string' && typeof d.platform.architecture === 'string') {
    out.platform = {
      os: d.platform.os,
      architecture: d.platform.architecture,
      ...(typeof d.platform.variant === 'string' ? { variant: d.platform.variant } : {}),
    };
  }
  if (Array.isArray(d.urls)) out.urls = d.urls.filter((u): u is string => typeof u === 'string');
  if (isObject(d.annotations)) {
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(d.annotations)) if (typeof v === 'string') annotations[k] = v;
    out.annotations = annotations;
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
