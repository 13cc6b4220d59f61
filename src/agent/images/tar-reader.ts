/**
 * A streaming reader of tar archives as image layers use them: ustar headers with GNU long names
 * (L/K), PAX extended headers (path, linkpath, size, uid, gid, mtime, SCHILY.xattr.*), base-256
 * numbers. Each entry's content is read (or skipped) before the next header.
 */

export type TarEntryType = 'file' | 'hardlink' | 'symlink' | 'char' | 'block' | 'dir' | 'fifo' | 'other';

export interface TarEntry {
  name: string;
  type: TarEntryType;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  linkname: string;
  devmajor: number;
  devminor: number;
  xattrs: Record<string, Buffer>;
}

/** Pulls bytes from an async source in the sizes the reader asks for. */
class ByteQueue {
  private chunks: Buffer[] = [];
  private length = 0;
  private ended = false;

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  private async fill(n: number): Promise<boolean> {
    while (this.length < n && !this.ended) {
      const r = await this.source.next();
      if (r.done) this.ended = true;
      else if (r.value.length > 0) {
        this.chunks.push(r.value);
        this.length += r.value.length;
      }
    }
    return this.length >= n;
  }

  /** Exactly n bytes, or null at a clean end of input; a short read throws. */
  async read(n: number): Promise<Buffer | null> {
    if (!(await this.fill(n))) {
      if (this.length === 0) return null;
      throw new Error('Cannot read tar archive: unexpected end of data');
    }
    const first = this.chunks[0]!;
    if (first.length >= n) {
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      this.length -= n;
      return first.subarray(0, n);
    }
    const out = Buffer.concat(this.chunks, this.length);
    this.chunks = out.length > n ? [out.subarray(n)] : [];
    this.length -= n;
    return out.subarray(0, n);
  }

  /** Hands n bytes to `sink` in the chunks they arrived in. */
  async pass(n: number, sink: (chunk: Buffer) => Promise<void> | void): Promise<void> {
    let left = n;
    while (left > 0) {
      if (this.length === 0 && !(await this.fill(1))) throw new Error('Cannot read tar archive: unexpected end of data');
      const first = this.chunks[0]!;
      const take = Math.min(left, first.length);
      const piece = first.subarray(0, take);
      if (take === first.length) this.chunks.shift();
      else this.chunks[0] = first.subarray(take);
      this.length -= take;
      left -= take;
      await sink(piece);
    }
  }
}

export interface TarReader {
  /** The next entry, or undefined at the end; the previous entry's content must have been consumed. */
  next(): Promise<TarEntry | undefined>;
  /** The current entry's content, chunk by chunk. */
  content(sink: (chunk: Buffer) => Promise<void> | void): Promise<void>;
}

export function tarReader(source: AsyncIterable<Buffer>): TarReader {
  const q = new ByteQueue(source[Symbol.asyncIterator]());
  let pending = 0; // content bytes (padded) of the current entry not yet consumed
  let contentSize = 0;

  async function skipPending(): Promise<void> {
    if (pending > 0) await q.pass(pending, () => undefined);
    pending = 0;
  }

  async function readBlob(size: number): Promise<Buffer> {
    const padded = Math.ceil(size / 512) * 512;
    const buf = await q.read(padded);
    if (buf === null) throw new Error('Cannot read tar archive: unexpected end of data');
    return buf.subarray(0, size);
  }

  return {
    async next() {
      await skipPending();
      let pax: Record<string, string> = {};
      const xattrs: Record<string, Buffer> = {};
      let longName: string | undefined;
      let longLink: string | undefined;
      for (;;) {
        const block = await q.read(512);
        if (block === null || isZero(block)) return undefined;
        if (!checksumOk(block)) throw new Error('Cannot read tar archive: a header checksum does not match');
        const typeflag = String.fromCharCode(block[156]!);
        const size = num(block, 124, 12);
        if (typeflag === 'x' || typeflag === 'g') {
          const records = parsePax(await readBlob(size), xattrs);
          if (typeflag === 'x') pax = { ...pax, ...records };
          continue;
        }
        if (typeflag === 'L' || typeflag === 'K') {
          const value = cstr(await readBlob(size), 0, size);
          if (typeflag === 'L') longName = value;
          else longLink = value;
          continue;
        }
        const magic = block.subarray(257, 263).toString('latin1');
        const prefix = magic.startsWith('ustar') ? cstr(block, 345, 155) : '';
        let name = cstr(block, 0, 100);
        if (prefix && magic === 'ustar\0') name = `${prefix}/${name}`;
        const entry: TarEntry = {
          name: pax.path ?? longName ?? name,
          type: entryType(typeflag, name),
          mode: num(block, 100, 8) & 0o7777,
          uid: pax.uid !== undefined ? Number(pax.uid) : num(block, 108, 8),
          gid: pax.gid !== undefined ? Number(pax.gid) : num(block, 116, 8),
          size: pax.size !== undefined ? Number(pax.size) : size,
          mtime: pax.mtime !== undefined ? Number(pax.mtime) : num(block, 136, 12),
          linkname: pax.linkpath ?? longLink ?? cstr(block, 157, 100),
          devmajor: num(block, 329, 8),
          devminor: num(block, 337, 8),
          xattrs,
        };
        const hasContent = entry.type === 'file' || entry.type === 'other';
        contentSize = hasContent ? entry.size : 0;
        pending = hasContent ? Math.ceil(entry.size / 512) * 512 : 0;
        return entry;
      }
    },
    async content(sink) {
      const size = contentSize;
      const padded = pending;
      pending = 0;
      contentSize = 0;
      await q.pass(size, sink);
      if (padded > size) await q.pass(padded - size, () => undefined);
    },
  };
}

function entryType(flag: string, name: string): TarEntryType {
  switch (flag) {
    case '0': case '\0': case '7': return name.endsWith('/') ? 'dir' : 'file';
    case '1': return 'hardlink';
    case '2': return 'symlink';
    case '3': return 'char';
    case '4': return 'block';
    case '5': return 'dir';
    case '6': return 'fifo';
    default: return 'other';
  }
}

function parsePax(buf: Buffer, xattrs: Record<string, Buffer>): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < buf.length) {
    const space = buf.indexOf(0x20, pos);
    if (space < 0) break;
    const len = Number(buf.subarray(pos, space).toString('latin1'));
    if (!Number.isInteger(len) || len <= 0 || pos + len > buf.length) throw new Error('Cannot read tar archive: a PAX record is malformed');
    const record = buf.subarray(space + 1, pos + len - 1);
    const eq = record.indexOf(0x3d);
    if (eq > 0) {
      const key = record.subarray(0, eq).toString('utf8');
      const value = record.subarray(eq + 1);
      if (key.startsWith('SCHILY.xattr.')) xattrs[key.slice(13)] = Buffer.from(value);
      else out[key] = value.toString('utf8');
    }
    pos += len;
  }
  return out;
}

function cstr(buf: Buffer, off: number, len: number): string {
  const slice = buf.subarray(off, off + len);
  const nul = slice.indexOf(0);
  return slice.subarray(0, nul < 0 ? slice.length : nul).toString('utf8');
}

function num(buf: Buffer, off: number, len: number): number {
  const field = buf.subarray(off, off + len);
  if (field[0]! & 0x80) {
    let v = field[0]! & 0x7f;
    for (let i = 1; i < field.length; i++) v = v * 256 + field[i]!;
    return v;
  }
  const s = field.toString('latin1').replace(/\0.*$/s, '').trim();
  return s === '' ? 0 : parseInt(s, 8);
}

function checksumOk(block: Buffer): boolean {
  const stored = num(block, 148, 8);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  return sum === stored;
}

function isZero(block: Buffer): boolean {
  for (let i = 0; i < block.length; i++) if (block[i] !== 0) return false;
  return true;
}
