/**
 * A client of the Docker Registry HTTP API v2 (the OCI distribution protocol): resolves a reference
 * to a platform manifest through its mirrors and the registry itself, and downloads blobs, checking
 * every digest and size. Errors carry what kind of failure it was (not found, denied, unreachable).
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { fetchURL, readBody, NetworkError, type FetchResponse } from './http-fetch.js';
import {
  MANIFEST_ACCEPT, hostPlatform, parseManifest, selectPlatform,
  type Descriptor, type ImageManifest, type Platform,
} from './manifest.js';
import { formatReference, type ImageReference } from './reference.js';
import { endpointsFor, type RegistriesConfig, type RegistryAuth, type RegistryEndpoint } from './registries-config.js';
import { AuthError, TokenCache, parseChallenge } from './registry-auth.js';

export type RegistryErrorKind = 'NotFound' | 'Unauthorized' | 'Unavailable' | 'Invalid' | 'Unknown';

export class RegistryError extends Error {
  constructor(message: string, readonly kind: RegistryErrorKind) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** Credentials for a registry host (from a pod's imagePullSecrets), or undefined for anonymous. */
export type CredentialLookup = (host: string) => RegistryAuth | undefined;

export interface ResolvedImage {
  endpoint: RegistryEndpoint;
  repository: string;
  /** What the reference pointed at: the index or manifest digest (the repo digest users see). */
  digest: string;
  /** The platform manifest's own digest. */
  manifestDigest: string;
  manifest: ImageManifest;
}

export interface RegistryClientOptions {
  config: RegistriesConfig;
  platform?: Platform;
  timeoutMs?: number;
}

export class RegistryClient {
  private readonly tokens = new TokenCache();
  private readonly platform: Platform;

  constructor(private readonly opts: RegistryClientOptions) {
    this.platform = opts.platform ?? hostPlatform();
  }

  /** Finds the manifest to run, trying each endpoint of the reference's registry in turn. */
  async resolve(ref: ImageReference, creds?: CredentialLookup): Promise<ResolvedImage> {
    const endpoints = endpointsFor(this.opts.config, ref.domain);
    const errors: RegistryError[] = [];
    for (const ep of endpoints) {
      try {
        return await this.resolveAt(ep, ref, creds);
      } catch (err) {
        errors.push(toRegistryError(err));
      }
    }
    throw errors.find((e) => e.kind === 'NotFound') ?? errors.find((e) => e.kind === 'Unauthorized') ?? errors[0]
      ?? new RegistryError('no registry endpoint to ask', 'Unavailable');
  }

  /** Downloads a blob to `dest` (written beside it first, renamed when the digest checks out). */
  async fetchBlob(image: ResolvedImage, desc: Descriptor, dest: string, creds?: CredentialLookup): Promise<void> {
    const res = await this.get(image.endpoint, image.repository, `blobs/${desc.digest}`, creds);
    await expectOk(res, desc.digest);
    const tmp = `${dest}.partial-${process.pid}-${Math.random().toString(36).slice(2)}`;
    const check = new DigestCheck(desc.digest);
    try {
      await pipeline(res.body, check, createWriteStream(tmp, { mode: 0o644 }));
      check.verify(desc.size);
      await rename(tmp, dest);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  /** Downloads a small blob (an image config) into memory, checking its digest. */
  async fetchBlobBytes(image: ResolvedImage, desc: Descriptor, creds?: CredentialLookup): Promise<Buffer> {
    const res = await this.get(image.endpoint, image.repository, `blobs/${desc.digest}`, creds);
    await expectOk(res, desc.digest);
    const body = await readBody(res, 64 << 20);
    verifyBytes(body, desc.digest, desc.size);
    return body;
  }

  private async resolveAt(ep: RegistryEndpoint, ref: ImageReference, creds?: CredentialLookup): Promise<ResolvedImage> {
    const wanted = ref.digest ?? ref.tag ?? 'latest';
    const top = await this.getManifest(ep, ref, wanted, creds);
    if (ref.digest !== undefined) verifyBytes(top.body, ref.digest);
    const digest = ref.digest ?? sha256(top.body);
    if (top.parsed.kind === 'manifest') {
      return { endpoint: ep, repository: ref.path, digest, manifestDigest: digest, manifest: top.parsed.manifest };
    }
    const pick = selectPlatform(top.parsed.index, this.platform);
    if (pick === undefined) throw new RegistryError('no match for platform in manifest: not found', 'NotFound');
    const child = await this.getManifest(ep, ref, pick.digest, creds);
    verifyBytes(child.body, pick.digest);
    if (child.parsed.kind !== 'manifest') throw new RegistryError(`manifest ${pick.digest} is an index inside an index`, 'Invalid');
    return { endpoint: ep, repository: ref.path, digest, manifestDigest: pick.digest, manifest: child.parsed.manifest };
  }

  private async getManifest(ep: RegistryEndpoint, ref: ImageReference, reference: string, creds?: CredentialLookup) {
    const res = await this.get(ep, ref.path, `manifests/${reference}`, creds, MANIFEST_ACCEPT);
    if (res.status === 404) {
      res.body.resume();
      throw new RegistryError(`${formatReference(ref)}: not found`, 'NotFound');
    }
    await expectOk(res, formatReference(ref));
    const body = await readBody(res);
    const ct = res.headers['content-type'];
    try {
      return { body, parsed: parseManifest(body, typeof ct === 'string' ? ct : undefined) };
    } catch (err) {
      throw new RegistryError((err as Error).message, 'Invalid');
    }
  }

  private async get(ep: RegistryEndpoint, repository: string, path: string, creds?: CredentialLookup,
    accept?: string): Promise<FetchResponse> {
    const url = `${ep.base}/${repository}/${path}`;
    const headers: Record<string, string> = { 'User-Agent': 'navarch' };
    if (accept) headers.Accept = accept;
    const cached = this.tokens.header(ep.host, repository);
    if (cached) headers.Authorization = cached;
    const opts = { headers, insecureSkipVerify: ep.insecureSkipVerify, timeoutMs: this.opts.timeoutMs ?? 30_000 };
    let res = await fetchURL(url, opts);
    if (res.status !== 401) return res;
    const body = await readBody(res, 1 << 20).catch(() => Buffer.alloc(0));
    const auth = creds?.(ep.host) ?? ep.auth;
    const challenge = parseChallenge(headerString(res.headers['www-authenticate']));
    try {
      headers.Authorization = await this.tokens.authorize(ep.host, repository, challenge, auth, ep.insecureSkipVerify);
    } catch (err) {
      if (err instanceof AuthError && auth === undefined && challenge?.scheme !== 'bearer') {
        throw denied(body);
      }
      throw err instanceof AuthError ? new RegistryError(err.message, 'Unauthorized') : err;
    }
    res = await fetchURL(url, opts);
    if (res.status === 401 || res.status === 403) throw denied(await readBody(res, 1 << 20).catch(() => Buffer.alloc(0)));
    return res;
  }
}

function denied(body: Buffer): RegistryError {
  let detail = 'authorization failed';
  try {
    const doc = JSON.parse(body.toString('utf8')) as { errors?: Array<{ code?: string; message?: string }> };
    const e = doc.errors?.[0];
    if (e?.code) detail = `server message: ${e.code.toLowerCase()}: ${e.message ?? ''}`.trimEnd();
  } catch { /* not JSON */ }
  return new RegistryError(`pull access denied, repository does not exist or may require authorization: ${detail}`, 'Unauthorized');
}

async function expectOk(res: FetchResponse, what: string): Promise<void> {
  if (res.status === 200) return;
  res.body.resume();
  if (res.status === 404) throw new RegistryError(`${what}: not found`, 'NotFound');
  if (res.status === 401 || res.status === 403) throw denied(Buffer.alloc(0));
  const kind: RegistryErrorKind = res.status === 429 || res.status >= 500 ? 'Unavailable' : 'Unknown';
  throw new RegistryError(`unexpected status from GET request to ${res.url}: ${res.status} ${res.statusText}`, kind);
}

function toRegistryError(err: unknown): RegistryError {
  if (err instanceof RegistryError) return err;
  if (err instanceof NetworkError) return new RegistryError(err.message, 'Unavailable');
  return new RegistryError((err as Error).message ?? String(err), 'Unknown');
}

function headerString(h: string | string[] | undefined): string | undefined {
  return Array.isArray(h) ? h[0] : h;
}

export function sha256(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

function verifyBytes(data: Buffer, digest: string, size?: number): void {
  if (!digest.startsWith('sha256:')) throw new RegistryError(`unsupported digest algorithm in ${digest}`, 'Invalid');
  if (size !== undefined && data.length !== size) {
    throw new RegistryError(`failed size validation: ${data.length} != ${size}: failed precondition`, 'Invalid');
  }
  const got = sha256(data);
  if (got !== digest) throw new RegistryError(`unexpected commit digest ${got}, expected ${digest}: failed precondition`, 'Invalid');
}

/** A pass-through stream that hashes and counts what flows through it. */
class DigestCheck extends Transform {
  private readonly hash = createHash('sha256');
  private size = 0;

  constructor(private readonly digest: string) {
    super();
    if (!digest.startsWith('sha256:')) throw new RegistryError(`unsupported digest algorithm in ${digest}`, 'Invalid');
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null, data?: Buffer) => void): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    cb(null, chunk);
  }

  verify(size: number): void {
    if (this.size !== size) {
      throw new RegistryError(`failed size validation: ${this.size} != ${size}: failed precondition`, 'Invalid');
    }
    const got = `sha256:${this.hash.digest('hex')}`;
    if (got !== this.digest) {
      throw new RegistryError(`unexpected commit digest ${got}, expected ${this.digest}: failed precondition`, 'Invalid');
    }
  }
}
