/**
 * Domain names. Inside navarch a name is its presentation text without the final dot ("" is the
 * root), with RFC 1035 escapes for bytes that are not plain: `\.` and `\\` inside a label, `\DDD`
 * for other non-printable bytes. Reading follows compression pointers (only backwards, bounded);
 * writing lives in WireWriter.
 */
import { MAX_LABEL_LENGTH, MAX_NAME_LENGTH } from './constants.js';
import { DnsFormatError } from './format-error.js';

const MAX_POINTER_HOPS = 127;

function plainByte(c: number): boolean {
  return c > 0x20 && c < 0x7f && c !== 0x2e && c !== 0x5c;
}

/** One wire label as presentation text. */
export function labelText(buf: Uint8Array, start: number, len: number): string {
  let plain = true;
  for (let i = start; i < start + len; i++) if (!plainByte(buf[i])) { plain = false; break; }
  if (plain) return Buffer.from(buf.buffer, buf.byteOffset + start, len).toString('latin1');
  let s = '';
  for (let i = start; i < start + len; i++) {
    const c = buf[i];
    if (plainByte(c)) s += String.fromCharCode(c);
    else if (c === 0x2e || c === 0x5c) s += `\\${String.fromCharCode(c)}`;
    else s += `\\${String(c).padStart(3, '0')}`;
  }
  return s;
}

/** Reads a (possibly compressed) name at `start`; `end` is where the name's bytes end at `start`. */
export function readName(buf: Uint8Array, start: number): { name: string; end: number } {
  let name = '';
  let off = start;
  let end = -1;
  let hops = 0;
  let total = 1;
  let segmentStart = start;
  for (;;) {
    if (off >= buf.length) throw new DnsFormatError('name runs past the end of the message');
    const len = buf[off];
    if (len === 0) {
      if (end < 0) end = off + 1;
      return { name, end };
    }
    const kind = len & 0xc0;
    if (kind === 0xc0) {
      if (off + 1 >= buf.length) throw new DnsFormatError('compression pointer runs past the end of the message');
      const ptr = ((len & 0x3f) << 8) | buf[off + 1];
      if (end < 0) end = off + 2;
      if (ptr >= segmentStart) throw new DnsFormatError('compression pointer does not point backwards');
      if (++hops > MAX_POINTER_HOPS) throw new DnsFormatError('too many compression pointers');
      segmentStart = ptr;
      off = ptr;
      continue;
    }
    if (kind !== 0) throw new DnsFormatError(`unsupported label type 0x${kind.toString(16)}`);
    if (off + 1 + len > buf.length) throw new DnsFormatError('label runs past the end of the message');
    total += len + 1;
    if (total > MAX_NAME_LENGTH) throw new DnsFormatError('name longer than 255 octets');
    const label = labelText(buf, off + 1, len);
    name = name === '' ? label : `${name}.${label}`;
    off += 1 + len;
  }
}

/** The labels of a presentation name as bytes; throws on empty labels, labels over 63 or names over 255 octets. */
export function nameLabels(name: string): Buffer[] {
  if (name.endsWith('.') && !name.endsWith('\\.')) name = name.slice(0, -1);
  if (name === '') return [];
  const labels: Buffer[] = [];
  if (!name.includes('\\')) {
    for (const l of name.split('.')) labels.push(Buffer.from(l, 'latin1'));
  } else {
    let cur: number[] = [];
    for (let i = 0; i < name.length; i++) {
      const ch = name.charCodeAt(i);
      if (ch === 0x2e) { labels.push(Buffer.from(cur)); cur = []; continue; }
      if (ch !== 0x5c) { cur.push(ch & 0xff); continue; }
      const d = name.slice(i + 1, i + 4);
      if (/^[0-9]{3}$/.test(d) && Number(d) < 256) { cur.push(Number(d)); i += 3; continue; }
      if (i + 1 >= name.length) throw new Error(`Cannot encode name ${JSON.stringify(name)}: it ends in a backslash`);
      cur.push(name.charCodeAt(++i) & 0xff);
    }
    labels.push(Buffer.from(cur));
  }
  let total = 1;
  for (const l of labels) {
    if (l.length === 0) throw new Error(`Cannot encode name ${JSON.stringify(name)}: it has an empty label`);
    if (l.length > MAX_LABEL_LENGTH) throw new Error(`Cannot encode name ${JSON.stringify(name)}: a label is longer than 63 octets`);
    total += l.length + 1;
  }
  if (total > MAX_NAME_LENGTH) throw new Error(`Cannot encode name ${JSON.stringify(name)}: longer than 255 octets`);
  return labels;
}

/** The name's uncompressed wire form. */
export function nameToWire(name: string): Buffer {
  const labels = nameLabels(name);
  const out = Buffer.alloc(labels.reduce((n, l) => n + l.length + 1, 1));
  let off = 0;
  for (const l of labels) {
    out[off++] = l.length;
    l.copy(out, off);
    off += l.length;
  }
  return out;
}

/** Lowercases ASCII letters only (DNS names compare case-insensitively, RFC 4343). */
export function lowerName(name: string): string {
  return /[A-Z]/.test(name) ? name.replace(/[A-Z]+/g, (s) => s.toLowerCase()) : name;
}

/** Whether `name` is `zone` or inside it (both lowercase presentation names). */
export function isSubdomain(name: string, zone: string): boolean {
  if (zone === '') return true;
  if (name === zone) return true;
  if (!name.endsWith(zone) || name.length <= zone.length) return false;
  const i = name.length - zone.length - 1;
  if (name.charCodeAt(i) !== 0x2e) return false;
  // The dot must not be escaped: count the backslashes before it.
  let n = 0;
  for (let j = i - 1; j >= 0 && name.charCodeAt(j) === 0x5c; j--) n++;
  return n % 2 === 0;
}

/** Splits a presentation name into label texts (escapes kept), respecting `\.`. */
export function splitName(name: string): string[] {
  if (name === '') return [];
  if (!name.includes('\\')) return name.split('.');
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '\\' && i + 1 < name.length) { cur += c + name[++i]; continue; }
    if (c === '.') { out.push(cur); cur = ''; continue; }
    cur += c;
  }
  out.push(cur);
  return out;
}
