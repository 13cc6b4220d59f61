/**
 * The small facts of image archive formats: Docker's manifest.json, the names index.json
 * annotations give, platforms compared as containerd's import does (os and architecture).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Descriptor, Platform } from './manifest.js';

export const CONTAINERD_NAME_ANNOTATION = 'io.containerd.image.name';
export const OCI_REF_NAME_ANNOTATION = 'org.opencontainers.image.ref.name';

export interface DockerManifestEntry { Config: string; RepoTags?: string[]; Layers: string[] }

/** Reads `docker save`'s manifest.json: a list of { Config, RepoTags, Layers }. */
export function parseDockerManifest(text: string): DockerManifestEntry[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error('its manifest.json is not JSON');
  }
  if (!Array.isArray(doc)) throw new Error('its manifest.json is not a list of images');
  return doc.map((e: unknown) => {
    const o = (e ?? {}) as Record<string, unknown>;
    if (typeof o.Config !== 'string' || !Array.isArray(o.Layers) || !o.Layers.every((l) => typeof l === 'string')) {
      throw new Error('an entry of its manifest.json has no Config and Layers');
    }
    const tags = Array.isArray(o.RepoTags) ? o.RepoTags.filter((t): t is string => typeof t === 'string') : undefined;
    return { Config: o.Config, Layers: o.Layers as string[], ...(tags ? { RepoTags: tags } : {}) };
  });
}

/** The names an index.json descriptor gives its image (a bare tag in ref.name names no repository). */
export function namesOf(d: Descriptor): string[] {
  const a = d.annotations ?? {};
  const containerd = a[CONTAINERD_NAME_ANNOTATION];
  if (containerd) return [containerd];
  const ref = a[OCI_REF_NAME_ANNOTATION];
  return ref && /[:/@]/.test(ref) ? [ref] : [];
}

export function samePlatform(a: Platform, b: Platform): boolean {
  return a.os === b.os && a.architecture === b.architecture;
}

export function platformString(p: Platform): string {
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
}

export async function hashFile(path: string): Promise<{ digest: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { digest: `sha256:${hash.digest('hex')}`, size };
}
