/**
 * CachedForwarder: the forwarder behind the upstream cache, with one upstream query in flight per
 * question however many clients ask at once.
 */
import type { ForwardQuestion, Forwarder } from './forwarder.js';
import { UpstreamCache, type CachedMessage } from './upstream-cache.js';
import { lowerName } from './wire/index.js';

export function forwardKey(q: ForwardQuestion): string {
  return `${lowerName(q.name)}|${q.qtype}|${q.qclass}|${q.do ? 1 : 0}${q.cd ? 1 : 0}`;
}

export class CachedForwarder {
  private inflight = new Map<string, Promise<CachedMessage>>();

  constructor(readonly forwarder: Forwarder, readonly cache: UpstreamCache) {}

  /** The cached or fresh upstream answer; rejects when no upstream answers. */
  lookup(q: ForwardQuestion): Promise<CachedMessage> {
    const key = forwardKey(q);
    const hit = this.cache.get(key);
    if (hit) return Promise.resolve(hit);
    let p = this.inflight.get(key);
    if (!p) {
      p = this.forwarder.query(q).then((m) => this.cache.set(key, m)).finally(() => this.inflight.delete(key));
      this.inflight.set(key, p);
    }
    return p;
  }

  close(): void {
    this.forwarder.close();
    this.cache.clear();
  }
}
