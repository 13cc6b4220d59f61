/**
 * Image references as Docker and containerd read them: `[domain/]path[:tag][@digest]`, with Docker
 * Hub's defaults (domain docker.io, namespace library/ for one-component names) and the grammar of
 * the distribution project (lowercase path components, tags of at most 128 word characters).
 */

export const DEFAULT_DOMAIN = 'docker.io';
export const DEFAULT_TAG = 'latest';

export interface ImageReference {
  /** Registry host, with port when given: docker.io, 127.0.0.1:5000, ghcr.io. */
  readonly domain: string;
  /** Repository path inside the registry: library/busybox, navarch/web. */
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?$/;

export class InvalidReferenceError extends Error {
  constructor(readonly reference: string, reason: string) {
    super(`couldn't parse image reference "${reference}": ${reason}`);
    this.name = 'InvalidReferenceError';
  }
}

/** Parses and normalizes a reference; `busybox` becomes docker.io/library/busybox (no tag added). */
export function parseReference(input: string): ImageReference {
  const s = input.trim();
  if (s === '') throw new InvalidReferenceError(input, 'invalid reference format');
  let rest = s;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new InvalidReferenceError(input, 'invalid digest format');
    if (digest.startsWith('sha256:') && !/^sha256:[a-f0-9]{64}$/.test(digest)) {
      throw new InvalidReferenceError(input, 'invalid checksum digest length');
    }
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new InvalidReferenceError(input, 'invalid reference format');
  }
  let domain = DEFAULT_DOMAIN;
  let path = rest;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase()) {
      domain = first;
      path = rest.slice(slash + 1);
    }
  }
  if (!DOMAIN.test(domain)) throw new InvalidReferenceError(input, 'invalid reference format');
  if (domain === 'index.docker.io') domain = DEFAULT_DOMAIN;
  if (path !== path.toLowerCase()) {
    throw new InvalidReferenceError(input, 'invalid reference format: repository name must be lowercase');
  }
  const parts = path.split('/');
  if (parts.some((p) => !COMPONENT.test(p))) throw new InvalidReferenceError(input, 'invalid reference format');
  if (domain === DEFAULT_DOMAIN && parts.length === 1) path = `library/${path}`;
  if (domain.length + 1 + path.length > 255) throw new InvalidReferenceError(input, 'repository name must not be more than 255 characters');
  return { domain, path, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** The reference with `:latest` added when it names neither a tag nor a digest (what a pull fetches). */
export function withDefaultTag(ref: ImageReference): ImageReference {
  return ref.tag === undefined && ref.digest === undefined ? { ...ref, tag: DEFAULT_TAG } : ref;
}

/** docker.io/library/busybox */
export function repositoryName(ref: ImageReference): string {
  return `${ref.domain}/${ref.path}`;
}

/** The fully qualified string: docker.io/library/busybox:1.36, or …@sha256:… */
export function formatReference(ref: ImageReference): string {
  let s = repositoryName(ref);
  if (ref.tag !== undefined) s += `:${ref.tag}`;
  if (ref.digest !== undefined) s += `@${ref.digest}`;
  return s;
}

/** The short form people type: busybox:1.36, navarch/web:1, ghcr.io/x/y:2. */
export function familiarReference(ref: ImageReference): string {
  let name = repositoryName(ref);
  if (ref.domain === DEFAULT_DOMAIN) {
    name = ref.path.startsWith('library/') && ref.path.split('/').length === 2 ? ref.path.slice(8) : ref.path;
  }
  if (ref.tag !== undefined) name += `:${ref.tag}`;
  if (ref.digest !== undefined) name += `@${ref.digest}`;
  return name;
}

/** Normalizes an image string to the fully qualified form a pull uses (tag defaulted). */
export function normalizeImage(image: string): string {
  return formatReference(withDefaultTag(parseReference(image)));
}
