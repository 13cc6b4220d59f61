/**
 * Whole DNS messages (RFC 1035 section 4) to and from bytes. The EDNS0 OPT pseudo-record (RFC
 * 6891) is lifted out of the additional section into `edns`: its payload size, extended rcode,
 * version, flags (DO) and its options, kept as opaque bytes so they pass through unchanged.
 */
import { HEADER_SIZE, RRType } from './constants.js';
import { DnsFormatError } from './format-error.js';
import { readName } from './name.js';
import { decodeRData, writeRecord, type ResourceRecord } from './records.js';
import { WireWriter } from './wire-writer.js';

export interface Question { name: string; type: number; class: number }

export interface Edns {
  udpSize: number;
  extRcode: number;
  version: number;
  /** The 16 flag bits; 0x8000 is DO. */
  flags: number;
  /** The options, raw (code, length, data)*. */
  options: Buffer;
}

export interface Message {
  id: number;
  /** The header's flags word: QR, opcode, AA, TC, RD, RA, Z, AD, CD and the low 4 rcode bits. */
  flags: number;
  questions: Question[];
  answers: ResourceRecord[];
  authority: ResourceRecord[];
  /** Without the OPT record (see edns). */
  additional: ResourceRecord[];
  edns?: Edns;
}

/** The full response code: the header's 4 bits and the OPT record's upper 8. */
export function rcodeOf(m: Message): number {
  return (m.flags & 0xf) | ((m.edns?.extRcode ?? 0) << 4);
}

export function decodeMessage(buf: Uint8Array): Message {
  if (buf.length < HEADER_SIZE) throw new DnsFormatError('shorter than a header');
  const u16 = (at: number): number => (buf[at] << 8) | buf[at + 1];
  const m: Message = { id: u16(0), flags: u16(2), questions: [], answers: [], authority: [], additional: [] };
  const counts = [u16(4), u16(6), u16(8), u16(10)];
  let off = HEADER_SIZE;
  for (let i = 0; i < counts[0]; i++) {
    const n = readName(buf, off);
    off = n.end;
    if (off + 4 > buf.length) throw new DnsFormatError('question runs past the end of the message');
    m.questions.push({ name: n.name, type: u16(off), class: u16(off + 2) });
    off += 4;
  }
  const sections = [m.answers, m.authority, m.additional];
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < counts[s + 1]; i++) {
      const n = readName(buf, off);
      off = n.end;
      if (off + 10 > buf.length) throw new DnsFormatError('record header runs past the end of the message');
      const type = u16(off);
      const klass = u16(off + 2);
      const ttl = ((buf[off + 4] << 24) | (buf[off + 5] << 16) | (buf[off + 6] << 8) | buf[off + 7]) >>> 0;
      const len = u16(off + 8);
      off += 10;
      if (off + len > buf.length) throw new DnsFormatError('rdata runs past the end of the message');
      if (type === RRType.OPT) {
        if (s !== 2) throw new DnsFormatError('OPT record outside the additional section');
        if (m.edns) throw new DnsFormatError('more than one OPT record');
        if (n.name !== '') throw new DnsFormatError('OPT record with a non-root name');
        m.edns = {
          udpSize: klass, extRcode: ttl >>> 24, version: (ttl >>> 16) & 0xff, flags: ttl & 0xffff,
          options: Buffer.from(buf.subarray(off, off + len)),
        };
      } else {
        sections[s].push({ name: n.name, type, class: klass, ttl, data: decodeRData(type, buf, off, len) });
      }
      off += len;
    }
  }
  return m;
}

export function encodeMessage(m: Message): Buffer {
  const w = new WireWriter(0, 512);
  w.u16(m.id);
  w.u16(m.flags);
  w.u16(m.questions.length);
  w.u16(m.answers.length);
  w.u16(m.authority.length);
  w.u16(m.additional.length + (m.edns ? 1 : 0));
  for (const q of m.questions) {
    w.name(q.name);
    w.u16(q.type);
    w.u16(q.class);
  }
  for (const rr of m.answers) writeRecord(w, rr);
  for (const rr of m.authority) writeRecord(w, rr);
  for (const rr of m.additional) writeRecord(w, rr);
  if (m.edns) writeOpt(w, m.edns);
  return w.finish();
}

export function writeOpt(w: WireWriter, e: Edns): void {
  w.u8(0);
  w.u16(RRType.OPT);
  w.u16(e.udpSize);
  w.u32(((e.extRcode & 0xff) << 24) | ((e.version & 0xff) << 16) | (e.flags & 0xffff));
  w.u16(e.options.length);
  w.bytes(e.options);
}
