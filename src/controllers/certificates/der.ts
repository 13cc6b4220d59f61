/**
 * The little of ASN.1 DER the signer needs: reading a tag-length-value tree (certificate requests,
 * the CA certificate) and writing the values a certificate is made of.
 */

export interface DerNode {
  tag: number;
  /** The whole encoding: tag, length and content. */
  raw: Buffer;
  content: Buffer;
}

/** Reads the TLV at `offset`; throws on truncated or indefinite-length input. */
export function readDer(buf: Buffer, offset = 0): DerNode {
  if (offset + 2 > buf.length) throw new Error('asn1: truncated data');
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new Error('asn1: high-tag-number form is not supported');
  let len = buf[offset + 1]!;
  let pos = offset + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new Error('asn1: unsupported length encoding');
    if (pos + n > buf.length) throw new Error('asn1: truncated data');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[pos + i]!;
    pos += n;
  }
  if (pos + len > buf.length) throw new Error('asn1: truncated data');
  return { tag, raw: buf.subarray(offset, pos + len), content: buf.subarray(pos, pos + len) };
}

/** The elements of a constructed value (SEQUENCE, SET, explicit tags). */
export function childrenOf(node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  let pos = 0;
  while (pos < node.content.length) {
    const child = readDer(node.content, pos);
    out.push(child);
    pos += child.raw.length;
  }
  return out;
}

/** Reads a whole buffer that must be exactly one TLV of the given tag. */
export function readExact(buf: Buffer, tag: number, what: string): DerNode {
  const node = readDer(buf);
  if (node.tag !== tag || node.raw.length !== buf.length) throw new Error(`asn1: malformed ${what}`);
  return node;
}

export function decodeOid(content: Buffer): string {
  if (content.length === 0) throw new Error('asn1: empty object identifier');
  const parts: number[] = [];
  let v = 0;
  for (const b of content) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) { parts.push(v); v = 0; }
  }
  const first = parts.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...parts].join('.');
}

/** A string value of a Name attribute or general name (UTF8, Printable, IA5, T61, BMP). */
export function decodeString(node: DerNode): string {
  if (node.tag === 0x1e) {
    const b = Buffer.from(node.content);
    return b.swap16().toString('utf16le');
  }
  return node.content.toString(node.tag === 0x0c ? 'utf8' : 'latin1');
}

// Writing.

function lengthBytes(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), lengthBytes(body.length), body]);
}

export const sequence = (...items: Buffer[]): Buffer => tlv(0x30, ...items);
export const octetString = (b: Buffer): Buffer => tlv(0x04, b);
export const booleanTrue = (): Buffer => tlv(0x01, Buffer.from([0xff]));
export const nullValue = (): Buffer => tlv(0x05);

export function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const out: number[] = [];
  for (const n of [a * 40 + b, ...rest]) {
    const groups: number[] = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) groups.unshift((v & 0x7f) | 0x80);
    out.push(...groups);
  }
  return tlv(0x06, Buffer.from(out));
}

/** A non-negative INTEGER from its big-endian magnitude. */
export function unsignedInteger(magnitude: Buffer): Buffer {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  const m = magnitude.subarray(i);
  return tlv(0x02, m[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), m]) : m);
}

export function smallInteger(n: number): Buffer {
  return unsignedInteger(Buffer.from([n]));
}

export function bitString(bytes: Buffer, unusedBits = 0): Buffer {
  return tlv(0x03, Buffer.from([unusedBits]), bytes);
}

/** UTCTime through 2049, GeneralizedTime after (RFC 5280 4.1.2.5), to the second. */
export function time(d: Date): Buffer {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const y = d.getUTCFullYear();
  const rest = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  if (y >= 1950 && y < 2050) return tlv(0x17, Buffer.from(`${p(y % 100)}${rest}`, 'latin1'));
  return tlv(0x18, Buffer.from(`${p(y, 4)}${rest}`, 'latin1'));
}

export function pemBlock(type: string, der: Buffer): string {
  const b64 = der.toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${type}-----\n${b64}-----END ${type}-----\n`;
}
