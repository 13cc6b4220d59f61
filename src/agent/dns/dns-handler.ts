/**
 * DnsHandler: one query in, at most one response out, whatever the transport. Answers are
 * prepared once per (lowercase name, type, class, DO, CD) and rendered for each query: zone answers
 * stay until the cluster data changes (or, holding upstream data, for one TTL), forwarded ones until
 * the upstream cache lets them go, their TTLs counting down. Misses are computed once however many
 * clients ask. Malformed queries get FORMERR, other opcodes NOTIMP, EDNS versions above 0 BADVERS.
 */
import type { CachedForwarder } from './cached-forwarder.js';
import type { ClusterRecords } from './cluster-records.js';
import type { ZoneResolver } from './zone-resolver.js';
import {
  Flag, HEADER_SIZE, RCode, UDP_MIN_PAYLOAD, parseQuery, prepareAnswer, readName, renderRejection, renderResponse,
  type ParsedQuery, type PreparedAnswer, type RenderOptions,
} from './wire/index.js';

/** Largest UDP response sent, whatever size a client offers. */
const UDP_MAX_PAYLOAD = 4096;
const TCP_MAX = 65535;
const FAILURE_LOG_INTERVAL_MS = 10_000;

const EMPTY = { answer: [], authority: [], additional: [] };
const BADVERS = prepareAnswer('', EMPTY, 0, RCode.BADVERS >> 4);
const SERVFAIL = prepareAnswer('', EMPTY, Flag.RA | RCode.SERVFAIL);

export interface DnsHandlerOptions {
  resolver: ZoneResolver;
  records: ClusterRecords;
  upstream?: CachedForwarder;
  /** TTL of zone answers (volatile ones are kept this long). */
  ttl: number;
  /** Bound on prepared answers kept (default 10,000). */
  maxEntries?: number;
  log: (line: string) => void;
}

interface Entry {
  p: PreparedAnswer;
  /** The cluster data generation it was computed from; -1 when it does not depend on it. */
  generation: number;
  /** Epoch ms it may be served until. */
  expiresAt: number;
  /** Rewrite TTLs to the seconds left (cached upstream answers). */
  countdown: boolean;
  rot: number;
}

export interface DnsStats { queries: number; cacheHits: number; forwarded: number; upstreamFailures: number }

export class DnsHandler {
  readonly stats: DnsStats = { queries: 0, cacheHits: 0, forwarded: 0, upstreamFailures: 0 };
  private answers = new Map<string, Entry>();
  private inflight = new Map<string, Promise<Entry>>();
  private readonly maxEntries: number;
  private lastFailureLog = 0;

  constructor(private readonly o: DnsHandlerOptions) {
    this.maxEntries = o.maxEntries ?? 10_000;
  }

  /** Answers `buf`; `reply` is called once (at once for cached answers), or never for ignored packets. */
  handle(buf: Buffer, tcp: boolean, reply: (out: Buffer) => void): void {
    const p = parseQuery(buf);
    if (p.kind === 'ignore') return;
    this.stats.queries++;
    if (p.kind === 'reject') {
      reply(renderRejection(buf, p));
      return;
    }
    const limit = tcp ? TCP_MAX : p.edns ? Math.min(Math.max(UDP_MIN_PAYLOAD, p.edns.udpSize), UDP_MAX_PAYLOAD) : UDP_MIN_PAYLOAD;
    if (p.edns && p.edns.version !== 0) {
      reply(renderResponse(buf, p, BADVERS, { limit }));
      return;
    }
    const now = Date.now();
    const e = this.answers.get(p.key);
    if (e && this.fresh(e, now)) {
      this.stats.cacheHits++;
      reply(this.render(buf, p, e, limit, now));
      return;
    }
    void this.slow(buf, p, limit, reply);
  }

  /** Drops every prepared answer. */
  clear(): void {
    this.answers.clear();
  }

  private fresh(e: Entry, now: number): boolean {
    return e.expiresAt > now && (e.generation < 0 || e.generation === this.o.records.generation);
  }

  private render(buf: Buffer, p: ParsedQuery, e: Entry, limit: number, now: number): Buffer {
    const o: RenderOptions = { limit };
    if (e.p.rotatable) o.rotate = e.rot++;
    if (e.countdown) o.ttl = Math.max(0, Math.ceil((e.expiresAt - now) / 1000));
    return renderResponse(buf, p, e.p, o);
  }

  private async slow(buf: Buffer, p: ParsedQuery, limit: number, reply: (out: Buffer) => void): Promise<void> {
    let pending = this.inflight.get(p.key);
    if (!pending) {
      pending = this.compute(buf, p);
      this.inflight.set(p.key, pending);
    }
    const e = await pending;
    if (this.inflight.get(p.key) === pending) this.inflight.delete(p.key);
    try {
      reply(this.render(buf, p, e, limit, Date.now()));
    } catch (err) {
      this.o.log(`cluster DNS: cannot send an answer: ${(err as Error).message}`);
    }
  }

  private store(key: string, e: Entry): void {
    this.answers.delete(key);
    this.answers.set(key, e);
    while (this.answers.size > this.maxEntries) this.answers.delete(this.answers.keys().next().value as string);
  }

  /** Never rejects: failures become SERVFAIL (not kept). */
  private async compute(buf: Buffer, p: ParsedQuery): Promise<Entry> {
    const generation = this.o.records.generation;
    let qname = '';
    try {
      qname = readName(buf, HEADER_SIZE).name;
      const r = await this.o.resolver.resolve(qname, p.qtype);
      if (r.kind === 'answer') {
        const e: Entry = {
          p: prepareAnswer(qname, r, Flag.AA | r.rcode), generation,
          expiresAt: r.volatile ? Date.now() + this.o.ttl * 1000 : Infinity, countdown: false, rot: 0,
        };
        if (r.rcode !== RCode.SERVFAIL) this.store(p.key, e);
        return e;
      }
      if (!this.o.upstream) throw new Error(`Cannot resolve ${qname}: no upstream resolvers`);
      this.stats.forwarded++;
      const c = await this.o.upstream.lookup({
        name: qname, qtype: p.qtype, qclass: p.qclass, do: p.edns?.do ?? false, cd: (p.flags & Flag.CD) !== 0,
        options: p.edns?.options.length ? Buffer.from(p.edns.options) : undefined,
      });
      const m = c.msg;
      const flags = (m.flags & (Flag.AA | Flag.RA | Flag.AD)) | (m.flags & 0xf);
      const e: Entry = {
        p: prepareAnswer(qname, { answer: m.answers, authority: m.authority, additional: m.additional }, flags),
        generation: -1, expiresAt: c.expiresAt, countdown: c.expiresAt > 0, rot: 0,
      };
      if (c.expiresAt > 0) this.store(p.key, e);
      return e;
    } catch (err) {
      this.stats.upstreamFailures++;
      const now = Date.now();
      if (now - this.lastFailureLog > FAILURE_LOG_INTERVAL_MS) {
        this.lastFailureLog = now;
        this.o.log(`cluster DNS: ${(err as Error).message}`);
      }
      return { p: SERVFAIL, generation: -1, expiresAt: 0, countdown: false, rot: 0 };
    }
  }
}
