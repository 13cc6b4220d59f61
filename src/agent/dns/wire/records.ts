/**
 * Resource records and their rdata for the types cluster DNS answers and forwards (A, AAAA, NS,
 * CNAME, PTR, MX, SOA, TXT, SRV); any other type's rdata is carried as opaque bytes. Names inside
 * NS, CNAME, PTR, MX and SOA rdata are compressed when written (RFC 3597 allows it for RFC 1035
 * types only); SRV targets never are (RFC 2782).
 */
import { RRType } from './constants.js';
import { DnsFormatError } from './format-error.js';
import { formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from './ip.js';
import { readName } from './name.js';
import type { WireWriter } from './wire-writer.js';

export type RData =
  | { t: 'A'; address: string }
  | { t: 'AAAA'; address: string }
  /** NS, CNAME, PTR */
  | { t: 'NAME'; target: string }
  | { t: 'MX'; preference: number; exchange: string }
  | { t: 'SOA'; mname: string; rname: string; serial: number; refresh: number; retry: number; expire: number; minimum: number }
  | { t: 'TXT'; texts: Buffer[] }
  | { t: 'SRV'; priority: number; weight: number; port: number; target: string }
  | { t: 'RAW'; bytes: Buffer };

export interface ResourceRecord {
  name: string;
  type: number;
  class: number;
  ttl: number;
  data: RData;
}

const NAME_TYPES = new Set<number>([RRType.NS, RRType.CNAME, RRType.PTR]);

export function decodeRData(type: number, buf: Uint8Array, off: number, len: number): RData {
  const end = off + len;
  const nameAt = (at: number): { name: string; end: number } => {
    const r = readName(buf, at);
    if (r.end > end) throw new DnsFormatError('name runs past its record');
    return r;
  };
  const exact = (at: number): void => {
    if (at !== end) throw new DnsFormatError(`rdata of type ${type} has the wrong length`);
  };
  const u16 = (at: number): number => (buf[at] << 8) | buf[at + 1];
  const u32 = (at: number): number => ((buf[at] << 24) | (buf[at + 1] << 16) | (buf[at + 2] << 8) | buf[at + 3]) >>> 0;
  switch (type) {
    case RRType.A:
      exact(off + 4);
      return { t: 'A', address: formatIPv4(buf, off) };
    case RRType.AAAA:
      exact(off + 16);
      return { t: 'AAAA', address: formatIPv6(buf, off) };
    case RRType.MX: {
      if (len < 3) throw new DnsFormatError('MX rdata too short');
      const n = nameAt(off + 2);
      exact(n.end);
      return { t: 'MX', preference: u16(off), exchange: n.name };
    }
    case RRType.SOA: {
      const m = nameAt(off);
      const r = nameAt(m.end);
      exact(r.end + 20);
      const at = r.end;
      return {
        t: 'SOA', mname: m.name, rname: r.name, serial: u32(at), refresh: u32(at + 4), retry: u32(at + 8),
        expire: u32(at + 12), minimum: u32(at + 16),
      };
    }
    case RRType.TXT: {
      const texts: Buffer[] = [];
      let at = off;
      while (at < end) {
        const l = buf[at];
        if (at + 1 + l > end) throw new DnsFormatError('TXT string runs past its record');
        texts.push(Buffer.from(buf.subarray(at + 1, at + 1 + l)));
        at += 1 + l;
      }
      return { t: 'TXT', texts };
    }
    case RRType.SRV: {
      if (len < 7) throw new DnsFormatError('SRV rdata too short');
      const n = nameAt(off + 6);
      exact(n.end);
      return { t: 'SRV', priority: u16(off), weight: u16(off + 2), port: u16(off + 4), target: n.name };
    }
    default:
      if (NAME_TYPES.has(type)) {
        const n = nameAt(off);
        exact(n.end);
        return { t: 'NAME', target: n.name };
      }
      return { t: 'RAW', bytes: Buffer.from(buf.subarray(off, end)) };
  }
}

/** Writes one record; returns the buffer position of its TTL field. */
export function writeRecord(w: WireWriter, rr: ResourceRecord): number {
  w.name(rr.name);
  w.u16(rr.type);
  w.u16(rr.class);
  const ttlAt = w.pos;
  w.u32(rr.ttl);
  const lenAt = w.pos;
  w.u16(0);
  const start = w.pos;
  writeRData(w, rr.data);
  w.setU16(lenAt, w.pos - start);
  return ttlAt;
}

function writeRData(w: WireWriter, d: RData): void {
  switch (d.t) {
    case 'A': {
      const b = parseIPv4(d.address);
      if (!b) throw new Error(`Cannot encode A record: ${JSON.stringify(d.address)} is not an IPv4 address`);
      w.bytes(Uint8Array.from(b));
      return;
    }
    case 'AAAA': {
      const b = parseIPv6(d.address);
      if (!b) throw new Error(`Cannot encode AAAA record: ${JSON.stringify(d.address)} is not an IPv6 address`);
      w.bytes(Uint8Array.from(b));
      return;
    }
    case 'NAME':
      w.name(d.target);
      return;
    case 'MX':
      w.u16(d.preference);
      w.name(d.exchange);
      return;
    case 'SOA':
      w.name(d.mname);
      w.name(d.rname);
      w.u32(d.serial);
      w.u32(d.refresh);
      w.u32(d.retry);
      w.u32(d.expire);
      w.u32(d.minimum);
      return;
    case 'TXT':
      for (const t of d.texts) {
        if (t.length > 255) throw new Error('Cannot encode TXT record: a string is longer than 255 octets');
        w.u8(t.length);
        w.bytes(t);
      }
      return;
    case 'SRV':
      w.u16(d.priority);
      w.u16(d.weight);
      w.u16(d.port);
      w.name(d.target, false);
      return;
    case 'RAW':
      w.bytes(d.bytes);
  }
}
