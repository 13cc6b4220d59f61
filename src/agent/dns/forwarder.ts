/**
 * Forwarder: asks upstream resolvers (the host's, from resolv.conf) over UDP from one socket per
 * address family, matching answers by id, source and question; retries over TCP when an answer
 * comes back truncated; tries the next upstream when one does not answer in time.
 */
import { createSocket, type Socket } from 'node:dgram';
import { connect } from 'node:net';
import { Flag, buildQuery, decodeMessage, formatIPv6, lowerName, parseIPv6, type Message } from './wire/index.js';

export interface Upstream { address: string; port: number }

export interface ForwardQuestion {
  name: string;
  qtype: number;
  qclass: number;
  do: boolean;
  cd: boolean;
  /** EDNS options passed through from the client. */
  options?: Buffer;
}

export interface ForwarderOptions {
  upstreams: Upstream[];
  /** Per upstream and attempt (default 2000 ms). */
  timeoutMs?: number;
  log?: (line: string) => void;
}

interface Pending {
  upstream: Upstream;
  q: ForwardQuestion;
  resolve: (m: Message) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

function normalize(u: Upstream): Upstream {
  if (!u.address.includes(':')) return u;
  const b = parseIPv6(u.address);
  return b ? { address: formatIPv6(Uint8Array.from(b)), port: u.port } : u;
}

export class Forwarder {
  readonly upstreams: Upstream[];
  private readonly timeoutMs: number;
  private sockets = new Map<4 | 6, Socket>();
  private pending = new Map<number, Pending>();
  private closed = false;

  constructor(private readonly o: ForwarderOptions) {
    this.upstreams = o.upstreams.map(normalize);
    this.timeoutMs = o.timeoutMs ?? 2000;
  }

  /** The first upstream's answer (after a TCP retry when truncated); rejects when none answers. */
  async query(q: ForwardQuestion): Promise<Message> {
    if (!this.upstreams.length) throw new Error(`Cannot resolve ${q.name}: no upstream resolvers`);
    let last: Error | undefined;
    for (const u of this.upstreams) {
      if (this.closed) break;
      try {
        const id = this.freeId();
        const wire = buildQuery(q.name, q.qtype, { id, cd: q.cd, qclass: q.qclass, edns: { do: q.do, options: q.options } });
        const m = await this.udp(u, id, wire, q);
        return m.flags & Flag.TC ? await this.tcp(u, wire, q) : m;
      } catch (err) {
        last = err as Error;
      }
    }
    throw new Error(`Cannot resolve ${q.name} upstream: ${last?.message ?? 'forwarder closed'}`);
  }

  close(): void {
    this.closed = true;
    for (const s of this.sockets.values()) s.close();
    this.sockets.clear();
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error('forwarder closed'));
    }
    this.pending.clear();
  }

  private freeId(): number {
    for (let i = 0; i < 100; i++) {
      const id = Math.floor(Math.random() * 0x10000);
      if (!this.pending.has(id)) return id;
    }
    throw new Error('too many queries in flight');
  }

  private socket(family: 4 | 6): Socket {
    let s = this.sockets.get(family);
    if (s) return s;
    s = createSocket(family === 6 ? 'udp6' : 'udp4');
    s.on('message', (msg, rinfo) => this.onMessage(msg, rinfo.address, rinfo.port));
    s.on('error', (err) => this.o.log?.(`cluster DNS: upstream socket: ${err.message}`));
    s.unref();
    this.sockets.set(family, s);
    return s;
  }

  private onMessage(msg: Buffer, address: string, port: number): void {
    if (msg.length < 12) return;
    const p = this.pending.get(msg.readUInt16BE(0));
    if (!p || p.upstream.address !== address || p.upstream.port !== port) return;
    let m: Message;
    try {
      m = decodeMessage(msg);
    } catch {
      return;
    }
    if (!matches(m, p.q)) return;
    this.pending.delete(m.id);
    clearTimeout(p.timer);
    p.resolve(m);
  }

  private udp(u: Upstream, id: number, wire: Buffer, q: ForwardQuestion): Promise<Message> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${u.address}:${u.port} did not answer in ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending.set(id, { upstream: u, q, resolve, reject, timer });
      this.socket(u.address.includes(':') ? 6 : 4).send(wire, u.port, u.address, (err) => {
        if (!err || !this.pending.has(id)) return;
        this.pending.delete(id);
        clearTimeout(timer);
        reject(err);
      });
    });
  }

  private tcp(u: Upstream, wire: Buffer, q: ForwardQuestion): Promise<Message> {
    return new Promise((resolve, reject) => {
      const sock = connect({ host: u.address, port: u.port });
      let buf = Buffer.alloc(0);
      const fail = (err: Error): void => {
        clearTimeout(timer);
        sock.destroy();
        reject(err);
      };
      const timer = setTimeout(() => fail(new Error(`${u.address}:${u.port} did not answer over TCP in ${this.timeoutMs} ms`)), this.timeoutMs);
      sock.on('error', fail);
      sock.on('connect', () => {
        const frame = Buffer.allocUnsafe(2 + wire.length);
        frame.writeUInt16BE(wire.length, 0);
        wire.copy(frame, 2);
        sock.write(frame);
      });
      sock.on('data', (chunk: Buffer) => {
        buf = Buffer.concat([buf, chunk]);
        if (buf.length < 2 || buf.length < 2 + buf.readUInt16BE(0)) return;
        clearTimeout(timer);
        sock.destroy();
        try {
          const m = decodeMessage(buf.subarray(2, 2 + buf.readUInt16BE(0)));
          if (m.id !== wire.readUInt16BE(0) || !matches(m, q)) throw new Error('answer does not match the question');
          resolve(m);
        } catch (err) {
          reject(err as Error);
        }
      });
      sock.on('end', () => fail(new Error(`${u.address}:${u.port} closed the TCP connection without an answer`)));
    });
  }
}

function matches(m: Message, q: ForwardQuestion): boolean {
  if (!(m.flags & Flag.QR) || m.questions.length !== 1) return false;
  const mq = m.questions[0];
  return mq.type === q.qtype && mq.class === q.qclass && lowerName(mq.name) === lowerName(q.name);
}
