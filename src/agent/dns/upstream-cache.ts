/**
 * The cache in front of the upstream resolvers (k3s's Corefile has `cache 30`): answers are kept
 * for their smallest TTL, at most 30 s; denials (NXDOMAIN, NODATA) for the smallest TTL and SOA
 * minimum, at most 5 s; errors and truncated answers not at all. Bounded: past `maxEntries` the
 * oldest entries go first.
 */
import { Flag, RCode, RRType, rcodeOf, type Message } from './wire/index.js';

export const POSITIVE_MAX_SECONDS = 30;
export const NEGATIVE_MAX_SECONDS = 5;

/** How long an upstream answer may be kept, in seconds (0: not at all). */
export function cacheSeconds(m: Message): number {
  const rcode = rcodeOf(m);
  if ((rcode !== RCode.NOERROR && rcode !== RCode.NXDOMAIN) || m.flags & Flag.TC) return 0;
  const negative = rcode === RCode.NXDOMAIN || m.answers.length === 0;
  let secs = negative ? NEGATIVE_MAX_SECONDS : POSITIVE_MAX_SECONDS;
  for (const r of [...m.answers, ...m.authority, ...m.additional]) {
    secs = Math.min(secs, r.ttl);
    if (negative && r.data.t === 'SOA' && r.type === RRType.SOA) secs = Math.min(secs, r.data.minimum);
  }
  return Math.max(0, secs);
}

export interface CachedMessage { msg: Message; expiresAt: number }

export class UpstreamCache {
  private entries = new Map<string, CachedMessage>();

  constructor(private readonly maxEntries = 10_000, private readonly now: () => number = Date.now) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): CachedMessage | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  /** Stores an answer if it may be cached; returns its entry (expiresAt 0 when not kept). */
  set(key: string, msg: Message): CachedMessage {
    const secs = cacheSeconds(msg);
    if (secs <= 0) return { msg, expiresAt: 0 };
    const e = { msg, expiresAt: this.now() + secs * 1000 };
    this.entries.delete(key);
    this.entries.set(key, e);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return e;
  }

  clear(): void {
    this.entries.clear();
  }
}
