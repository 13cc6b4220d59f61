/**
 * Key ordering and prefix ranges shared by the drivers. Keys are compared as UTF-8 byte strings, like
 * etcd and SQLite's BINARY collation; for JavaScript strings that is code point order.
 */

/** The smallest string greater than every key in the store (no real key starts with U+10FFFF). */
export const KEY_SPACE_END = '\u{10FFFF}';

/** Compares two keys in UTF-8 byte order (negative, zero or positive). */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // UTF-16 order equals code point order except surrogates (D800–DFFF) against E000–FFFF.
    if (x >= 0xd800 && y >= 0xd800) return surrogateRank(x) - surrogateRank(y);
    return x - y;
  }
  return a.length - b.length;
}

function surrogateRank(unit: number): number {
  return unit >= 0xd800 && unit <= 0xdfff ? unit + 0x2000 : unit;
}

/**
 * The exclusive upper bound of the keys starting with prefix: the prefix with its last code point
 * incremented (etcd's "prefix end"). An empty prefix covers the whole key space.
 */
export function prefixEnd(prefix: string): string {
  const points = Array.from(prefix);
  while (points.length > 0) {
    const last = points.pop() as string;
    const code = last.codePointAt(0) as number;
    if (code < 0x10ffff) {
      const next = code === 0xd7ff ? 0xe000 : code + 1;
      return points.join('') + String.fromCodePoint(next);
    }
  }
  return KEY_SPACE_END;
}

/** The first key a list should return: the later of the prefix and an optional continue key. */
export function rangeStart(prefix: string, startKey: string | undefined): string {
  return startKey !== undefined && compareKeys(startKey, prefix) > 0 ? startKey : prefix;
}
