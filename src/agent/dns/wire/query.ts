/**
 * The server's hot path: reads just what answering needs from a query — id, flags, the one
 * question (with a lowercase cache key built from its wire name), and the EDNS OPT record — without
 * decoding records. Malformed queries are reported for a FORMERR reply; responses and runts are
 * to be ignored (as miekg/dns's default accept function does).
 */
import { EDNS_DO, Flag, HEADER_SIZE, MAX_NAME_LENGTH, OPCODE_QUERY, RCode, RRType } from './constants.js';

export interface QueryEdns { udpSize: number; version: number; do: boolean; options: Buffer }

export interface ParsedQuery {
  kind: 'query';
  id: number;
  /** The query's flags word. */
  flags: number;
  /** Offset just after the question name, and after the whole question. */
  nameEnd: number;
  qEnd: number;
  qtype: number;
  qclass: number;
  /** Cache key: the lowercase wire name, type, class and the DO and CD bits. */
  key: string;
  /** The lowercase wire name alone. */
  wireName: string;
  edns: QueryEdns | undefined;
}

/** A query to answer with an error code: header only, or with the question when it parsed. */
export interface RejectedQuery { kind: 'reject'; id: number; flags: number; rcode: number; qEnd: number }

export type QueryParse = ParsedQuery | RejectedQuery | { kind: 'ignore' };

const IGNORE = { kind: 'ignore' } as const;

/** Offset after a name at `off` (pointers allowed), or -1 when malformed. */
function skipName(buf: Buffer, off: number): number {
  for (;;) {
    if (off >= buf.length) return -1;
    const len = buf[off];
    if (len === 0) return off + 1;
    if ((len & 0xc0) === 0xc0) return off + 2 <= buf.length ? off + 2 : -1;
    if ((len & 0xc0) !== 0) return -1;
    off += len + 1;
  }
}

export function parseQuery(buf: Buffer): QueryParse {
  if (buf.length < HEADER_SIZE) return IGNORE;
  const id = buf.readUInt16BE(0);
  const flags = buf.readUInt16BE(2);
  if (flags & Flag.QR) return IGNORE;
  const reject = (rcode: number, qEnd = HEADER_SIZE): RejectedQuery => ({ kind: 'reject', id, flags, rcode, qEnd });
  if (((flags >> 11) & 0xf) !== OPCODE_QUERY) return reject(RCode.NOTIMP);
  if (buf.readUInt16BE(4) !== 1) return reject(RCode.FORMERR);
  // The question: plain labels only (a pointer here could only point into the header).
  let off = HEADER_SIZE;
  let upper = false;
  for (;;) {
    if (off >= buf.length) return reject(RCode.FORMERR);
    const len = buf[off];
    if (len === 0) break;
    if (len > 63) return reject(RCode.FORMERR);
    if (off + 1 + len > buf.length) return reject(RCode.FORMERR);
    for (let i = off + 1; i <= off + len; i++) {
      const c = buf[i];
      if (c >= 0x41 && c <= 0x5a) { upper = true; break; }
    }
    off += len + 1;
    if (off - HEADER_SIZE + 1 > MAX_NAME_LENGTH) return reject(RCode.FORMERR);
  }
  const nameEnd = off + 1;
  if (nameEnd + 4 > buf.length) return reject(RCode.FORMERR);
  const qtype = buf.readUInt16BE(nameEnd);
  const qclass = buf.readUInt16BE(nameEnd + 2);
  const qEnd = nameEnd + 4;
  let wireName: string;
  if (!upper) {
    wireName = buf.toString('latin1', HEADER_SIZE, nameEnd);
  } else {
    const copy = Buffer.from(buf.subarray(HEADER_SIZE, nameEnd));
    for (let i = 0; i < copy.length; i++) if (copy[i] >= 0x41 && copy[i] <= 0x5a) copy[i] |= 0x20;
    wireName = copy.toString('latin1');
  }
  // Answer and authority records (normally none) are skipped; the additional section may hold OPT.
  let edns: QueryEdns | undefined;
  off = qEnd;
  const an = buf.readUInt16BE(6);
  const ns = buf.readUInt16BE(8);
  const ar = buf.readUInt16BE(10);
  for (let i = 0; i < an + ns + ar; i++) {
    const start = off;
    off = skipName(buf, off);
    if (off < 0 || off + 10 > buf.length) return reject(RCode.FORMERR, qEnd);
    const type = buf.readUInt16BE(off);
    const rdlen = buf.readUInt16BE(off + 8);
    if (off + 10 + rdlen > buf.length) return reject(RCode.FORMERR, qEnd);
    if (type === RRType.OPT) {
      if (i < an + ns || edns || off !== start + 1) return reject(RCode.FORMERR, qEnd);
      edns = {
        udpSize: buf.readUInt16BE(off + 2),
        version: buf[off + 5],
        do: (buf.readUInt16BE(off + 6) & EDNS_DO) !== 0,
        options: buf.subarray(off + 10, off + 10 + rdlen),
      };
    }
    off += 10 + rdlen;
  }
  const bits = (edns?.do ? 1 : 0) | (flags & Flag.CD ? 2 : 0);
  const key = wireName + String.fromCharCode(qtype, qclass, bits);
  return { kind: 'query', id, flags, nameEnd, qEnd, qtype, qclass, key, wireName, edns };
}
