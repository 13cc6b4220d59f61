/**
 * A minimal DNS client over UDP or TCP, for tests, the benchmark and tools: one query, one decoded
 * answer (with its raw bytes), bounded by a timeout.
 */
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import type { ListenAddress } from './dns-server.js';
import { buildQuery, decodeMessage, type Message, type QueryOptions } from './wire/index.js';

export interface AskOptions extends Partial<QueryOptions> {
  tcp?: boolean;
  timeoutMs?: number;
}

export interface DnsReply { msg: Message; bytes: Buffer }

export function askDns(server: ListenAddress, name: string, qtype: number, o: AskOptions = {}): Promise<DnsReply> {
  const id = o.id ?? Math.floor(Math.random() * 0x10000);
  const wire = buildQuery(name, qtype, { ...o, id });
  return o.tcp ? sendTcp(server, wire, o.timeoutMs ?? 3000) : sendUdp(server, wire, o.timeoutMs ?? 3000);
}

/** Sends raw bytes over UDP; resolves with the raw reply (or undefined when none comes in time). */
export function sendRawUdp(server: ListenAddress, wire: Buffer, timeoutMs = 1000): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const s = createSocket(server.address.includes(':') ? 'udp6' : 'udp4');
    const timer = setTimeout(() => { s.close(); resolve(undefined); }, timeoutMs);
    s.on('message', (msg) => { clearTimeout(timer); s.close(); resolve(msg); });
    s.on('error', () => { clearTimeout(timer); s.close(); resolve(undefined); });
    s.send(wire, server.port, server.address);
  });
}

async function sendUdp(server: ListenAddress, wire: Buffer, timeoutMs: number): Promise<DnsReply> {
  const bytes = await sendRawUdp(server, wire, timeoutMs);
  if (!bytes) throw new Error(`no answer from ${server.address}:${server.port} over UDP in ${timeoutMs} ms`);
  return { msg: decodeMessage(bytes), bytes };
}

/** Sends one framed query over TCP; resolves with the framed reply's content. */
export function sendTcp(server: ListenAddress, wire: Buffer, timeoutMs = 3000): Promise<DnsReply> {
  return new Promise((resolve, reject) => {
    const c = connect({ host: server.address, port: server.port });
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => { c.destroy(); reject(new Error(`no answer from ${server.address}:${server.port} over TCP in ${timeoutMs} ms`)); }, timeoutMs);
    c.on('error', (err) => { clearTimeout(timer); reject(err); });
    c.on('connect', () => {
      const head = Buffer.alloc(2);
      head.writeUInt16BE(wire.length, 0);
      c.write(Buffer.concat([head, wire]));
    });
    c.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length < 2 || buf.length < 2 + buf.readUInt16BE(0)) return;
      clearTimeout(timer);
      c.destroy();
      const bytes = buf.subarray(2, 2 + buf.readUInt16BE(0));
      try {
        resolve({ msg: decodeMessage(bytes), bytes });
      } catch (err) {
        reject(err as Error);
      }
    });
  });
}
