/**
 * Image garbage collection by disk usage, as the kubelet's image GC manager does: when the image
 * filesystem is used at or above the high threshold (85 %), unused images are deleted, least
 * recently used first (never used before used, then first detected first), until usage is back
 * under the low threshold (80 %). Images used by a container (running or exited) are never deleted,
 * nor images first seen less than the minimum age (2 minutes) ago. What an image used counts as
 * freed is measured on the filesystem after its content no other image shares is deleted. When not
 * enough can be freed the node gets a FreeDiskSpaceFailed warning, as from the kubelet.
 */
import { statfs } from 'node:fs/promises';
import type { ImageRecord, ImageStore } from './image-store.js';

export interface ImageFsStats { capacityBytes: number; availableBytes: number }

export interface ImageGCPolicy {
  /** Usage (percent) at or above which GC runs; 100 turns it off. */
  highThresholdPercent: number;
  /** Usage (percent) GC frees down to. */
  lowThresholdPercent: number;
  /** An image first seen less than this long ago is kept. */
  minAgeMs: number;
}

export const DEFAULT_IMAGE_GC_POLICY: ImageGCPolicy = { highThresholdPercent: 85, lowThresholdPercent: 80, minAgeMs: 2 * 60_000 };

/** How often the kubelet collects images. */
export const IMAGE_GC_PERIOD_MS = 5 * 60_000;

export interface ImageGCOptions {
  store: ImageStore;
  policy?: Partial<ImageGCPolicy>;
  /** The image filesystem's size and free space (default: statfs of the store's root). */
  fsStats?: () => Promise<ImageFsStats>;
  now?: () => number;
  /** A Warning event about the node (FreeDiskSpaceFailed, InvalidDiskCapacity). */
  event?: (type: 'Warning', reason: string, message: string) => void;
  log?: (line: string) => void;
}

export interface ImageGCResult {
  usagePercent: number;
  /** Bytes GC set out to free (0 when usage was under the high threshold). */
  bytesToFree: number;
  freedBytes: number;
  /** The images deleted, in the order they were. */
  removed: ImageRecord[];
  /** Why not enough was freed (also sent as a FreeDiskSpaceFailed event). */
  error?: string;
}

interface Seen { firstDetected: number; lastUsed: number }

export class ImageGC {
  readonly policy: ImageGCPolicy;
  private readonly seen = new Map<string, Seen>();
  private readonly now: () => number;
  private running: Promise<ImageGCResult> | undefined;

  constructor(private readonly opts: ImageGCOptions) {
    this.policy = { ...DEFAULT_IMAGE_GC_POLICY, ...opts.policy };
    if (this.policy.lowThresholdPercent > this.policy.highThresholdPercent) {
      throw new Error(`Cannot collect images: the low threshold (${this.policy.lowThresholdPercent}%) is above the high threshold (${this.policy.highThresholdPercent}%)`);
    }
    this.now = opts.now ?? Date.now;
  }

  /**
   * One collection. `inUse` holds the image ids (or names) of every container on the node; their
   * images are kept and marked used now. Rejects only when the filesystem cannot be measured.
   */
  runOnce(inUse: ReadonlySet<string>): Promise<ImageGCResult> {
    this.running ??= this.collect(inUse).finally(() => { this.running = undefined; });
    return this.running;
  }

  /** Collects now and every `periodMs` (the kubelet's 5 minutes); returns a stop function. */
  start(inUse: () => Promise<ReadonlySet<string>>, periodMs = IMAGE_GC_PERIOD_MS): () => void {
    const tick = (): void => {
      inUse().then((set) => this.runOnce(set)).then(
        (r) => { if (r.removed.length > 0) this.opts.log?.(`image GC: removed ${r.removed.length} image(s), freed ${r.freedBytes} bytes`); },
        (err: unknown) => this.opts.log?.(`image GC failed: ${err instanceof Error ? err.message : String(err)}`),
      );
    };
    tick();
    const timer = setInterval(tick, periodMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  private async collect(inUse: ReadonlySet<string>): Promise<ImageGCResult> {
    const start = await this.stats();
    const { capacityBytes: capacity, availableBytes: available } = start;
    const usagePercent = 100 - Math.trunc((available * 100) / capacity);
    const images = this.detect(inUse);
    const result: ImageGCResult = { usagePercent, bytesToFree: 0, freedBytes: 0, removed: [] };
    const { highThresholdPercent: high, lowThresholdPercent: low } = this.policy;
    if (high >= 100 || usagePercent < high) return result;
    result.bytesToFree = Math.trunc((capacity * (100 - low)) / 100) - available;
    this.opts.log?.(`image GC: disk usage on the image filesystem is ${usagePercent}%, over the high threshold (${high}%): `
      + `trying to free ${result.bytesToFree} bytes down to the low threshold (${low}%)`);
    const freeTime = this.now();
    const candidates = images
      .filter((img) => !isUsed(img, inUse))
      .map((img) => ({ img, seen: this.seen.get(img.id)! }))
      .sort((a, b) => a.seen.lastUsed - b.seen.lastUsed || a.seen.firstDetected - b.seen.firstDetected || (a.img.id < b.img.id ? -1 : 1));
    const failures: string[] = [];
    for (const { img, seen } of candidates) {
      if (freeTime - seen.firstDetected < this.policy.minAgeMs) continue;
      try {
        if (!(await this.opts.store.remove(img.id))) continue;
        this.seen.delete(img.id);
        await this.opts.store.prune();
      } catch (err) {
        failures.push(`${img.id}: ${err instanceof Error ? err.message : String(err)}`); // go on with the next, as the kubelet does
        continue;
      }
      result.removed.push(img);
      const now = await this.stats();
      result.freedBytes = Math.max(0, now.availableBytes - available);
      if (result.freedBytes >= result.bytesToFree) break;
    }
    if (failures.length > 0) this.opts.log?.(`image GC: could not remove ${failures.join('; ')}`);
    if (result.freedBytes < result.bytesToFree) {
      result.error = `Failed to garbage collect required amount of images. Attempted to free ${result.bytesToFree} bytes, `
        + `but only found ${result.freedBytes} bytes eligible to free.`;
      this.opts.event?.('Warning', 'FreeDiskSpaceFailed', result.error);
      this.opts.log?.(`image GC: ${result.error}`);
    }
    return result;
  }

  /** Notes images first seen now and marks those in use as used now; forgets images gone. */
  private detect(inUse: ReadonlySet<string>): ImageRecord[] {
    const now = this.now();
    const images = this.opts.store.list();
    const present = new Set(images.map((i) => i.id));
    for (const id of this.seen.keys()) if (!present.has(id)) this.seen.delete(id);
    for (const img of images) {
      let s = this.seen.get(img.id);
      if (s === undefined) {
        s = { firstDetected: now, lastUsed: 0 };
        this.seen.set(img.id, s);
      }
      if (isUsed(img, inUse)) s.lastUsed = now;
    }
    return images;
  }

  private async stats(): Promise<ImageFsStats> {
    const s = await (this.opts.fsStats ?? (() => fsStatsOf(this.opts.store.root)))();
    if (!(s.capacityBytes > 0)) {
      const message = `invalid capacity ${s.capacityBytes} on image filesystem`;
      this.opts.event?.('Warning', 'InvalidDiskCapacity', message);
      throw new Error(`Cannot collect images: ${message}`);
    }
    return { capacityBytes: s.capacityBytes, availableBytes: Math.min(s.availableBytes, s.capacityBytes) };
  }
}

function isUsed(img: ImageRecord, inUse: ReadonlySet<string>): boolean {
  return inUse.has(img.id) || img.repoTags.some((t) => inUse.has(t)) || img.repoDigests.some((d) => inUse.has(d));
}

/** Size and space available to unprivileged users of the filesystem holding `path`. */
export async function fsStatsOf(path: string): Promise<ImageFsStats> {
  const s = await statfs(path);
  return { capacityBytes: s.blocks * s.bsize, availableBytes: s.bavail * s.bsize };
}
