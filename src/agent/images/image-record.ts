/**
 * What the node knows of one image (a line of images.json) and how a new one joins the others.
 */
import type { ImageRuntimeConfig, Platform } from './manifest.js';

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

/**
 * Adds an image to the records: a tag moves to it from any other image (which stays, untagged, as
 * Docker keeps a dangling image: a container may still run on it); names of the same image merge.
 */
export function recordInto(images: ImageRecord[], rec: ImageRecord): ImageRecord[] {
  const out = images.map((other) => (other.id === rec.id ? other
    : { ...other, repoTags: other.repoTags.filter((t) => !rec.repoTags.includes(t)) }));
  const same = out.find((i) => i.id === rec.id);
  if (same) {
    same.repoTags = [...new Set([...same.repoTags, ...rec.repoTags])];
    same.repoDigests = [...new Set([...same.repoDigests, ...rec.repoDigests])];
    same.pulledAt = rec.pulledAt;
  } else {
    out.push(rec);
  }
  return out;
}
