/**
 * Prepared answers: a response's records encoded once, to sit after the question of any query for
 * the same name (compressed names point at the question at offset 12), so that answering a cached
 * name is copying bytes: header, the query's own question, the body, and an OPT record when the
 * query had one. Record boundaries are kept to truncate at a record (UDP), TTL positions to
 * rewrite TTLs (forwarded answers count down in the cache), and address-only answers rotate
 * between responses (as CoreDNS's loadbalance plugin spreads clients over a headless service).
 */
import { EDNS_DO, EDNS_PAYLOAD, Flag, HEADER_SIZE, RRType } from './constants.js';
import { lowerName, nameToWire } from './name.js';
import type { ParsedQuery, RejectedQuery } from './query.js';
import { writeRecord, type ResourceRecord } from './records.js';
import { WireWriter } from './wire-writer.js';

export interface Sections {
  answer: ResourceRecord[];
  authority: ResourceRecord[];
  additional: ResourceRecord[];
}

export interface PreparedAnswer {
  /** Flags the response sets besides QR and the query's RD and CD: AA, RA, AD and the rcode's low 4 bits. */
  flags: number;
  /** The upper 8 bits of the rcode (EDNS), e.g. 1 for BADVERS. */
  extRcode: number;
  body: Buffer;
  an: number;
  ns: number;
  ar: number;
  /** Where each record ends in body, in order. */
  ends: Uint32Array;
  /** Where each record's TTL is in body. */
  ttlAt: Uint32Array;
  /** The answer is two or more same-sized address records owned by the question name. */
  rotatable: boolean;
}

const OPT_SIZE = 11;

export function prepareAnswer(qname: string, s: Sections, flags: number, extRcode = 0): PreparedAnswer {
  const qwire = nameToWire(qname);
  const w = new WireWriter(HEADER_SIZE + qwire.length + 4, 256);
  w.seed(qname, HEADER_SIZE);
  const all = [...s.answer, ...s.authority, ...s.additional];
  const ends = new Uint32Array(all.length);
  const ttlAt = new Uint32Array(all.length);
  all.forEach((rr, i) => {
    ttlAt[i] = writeRecord(w, rr);
    ends[i] = w.pos;
  });
  const lq = lowerName(qname);
  let rotatable = s.answer.length > 1;
  for (let i = 0; rotatable && i < s.answer.length; i++) {
    const rr = s.answer[i];
    rotatable = (rr.type === RRType.A || rr.type === RRType.AAAA) && rr.type === s.answer[0].type && lowerName(rr.name) === lq;
  }
  return {
    flags, extRcode, body: w.finish(), an: s.answer.length, ns: s.authority.length, ar: s.additional.length,
    ends, ttlAt, rotatable,
  };
}

export interface RenderOptions {
  /** Largest response allowed (UDP: 512 or the EDNS size; TCP: 65535). */
  limit: number;
  /** Rotates a rotatable answer by this many records. */
  rotate?: number;
  /** Writes this TTL into every record. */
  ttl?: number;
}

function responseFlags(q: { flags: number }, flags: number, truncated: boolean): number {
  return Flag.QR | (q.flags & 0x7800) | (q.flags & (Flag.RD | Flag.CD)) | flags | (truncated ? Flag.TC : 0);
}

/** The response to `query` (parsed as `q`) carrying `p`. */
export function renderResponse(query: Buffer, q: ParsedQuery, p: PreparedAnswer, o: RenderOptions): Buffer {
  const optLen = q.edns ? OPT_SIZE : 0;
  const room = o.limit - q.qEnd - optLen;
  let bodyLen = p.body.length;
  let kept = p.ends.length;
  if (bodyLen > room) {
    kept = 0;
    while (kept < p.ends.length && p.ends[kept] <= room) kept++;
    bodyLen = kept ? p.ends[kept - 1] : 0;
  }
  const an = Math.min(p.an, kept);
  const ns = Math.min(p.ns, kept - an);
  const ar = kept - an - ns;
  // Dropping additional records is not truncation (RFC 2181 9); dropping answers or authority is.
  const truncated = an < p.an || ns < p.ns;
  const out = Buffer.allocUnsafe(q.qEnd + bodyLen + optLen);
  out.writeUInt16BE(q.id, 0);
  out.writeUInt16BE(responseFlags(q, p.flags, truncated), 2);
  out.writeUInt16BE(1, 4);
  out.writeUInt16BE(an, 6);
  out.writeUInt16BE(ns, 8);
  out.writeUInt16BE(ar + (q.edns ? 1 : 0), 10);
  query.copy(out, HEADER_SIZE, HEADER_SIZE, q.qEnd);
  const at = q.qEnd;
  const shift = p.rotatable && an === p.an && o.rotate ? o.rotate % p.an : 0;
  if (shift === 0) {
    p.body.copy(out, at, 0, bodyLen);
  } else {
    const size = p.ends[0];
    const answerEnd = p.ends[p.an - 1];
    p.body.copy(out, at, shift * size, answerEnd);
    p.body.copy(out, at + answerEnd - shift * size, 0, shift * size);
    p.body.copy(out, at + answerEnd, answerEnd, bodyLen);
  }
  if (o.ttl !== undefined) {
    for (let i = 0; i < kept; i++) out.writeUInt32BE(o.ttl >>> 0, at + p.ttlAt[i]);
  }
  if (q.edns) writeOptAt(out, at + bodyLen, p.extRcode, q.edns.do);
  return out;
}

function writeOptAt(out: Buffer, at: number, extRcode: number, dnssecOk: boolean): void {
  out[at] = 0;
  out.writeUInt16BE(RRType.OPT, at + 1);
  out.writeUInt16BE(EDNS_PAYLOAD, at + 3);
  out[at + 5] = extRcode & 0xff;
  out[at + 6] = 0;
  out.writeUInt16BE(dnssecOk ? EDNS_DO : 0, at + 7);
  out.writeUInt16BE(0, at + 9);
}

/** The reply to a rejected query: its rcode, with the question when it parsed. */
export function renderRejection(query: Buffer, r: RejectedQuery): Buffer {
  const out = Buffer.alloc(r.qEnd);
  out.writeUInt16BE(r.id, 0);
  out.writeUInt16BE(responseFlags(r, r.rcode & 0xf, false), 2);
  out.writeUInt16BE(r.qEnd > HEADER_SIZE ? 1 : 0, 4);
  query.copy(out, HEADER_SIZE, HEADER_SIZE, r.qEnd);
  return out;
}
