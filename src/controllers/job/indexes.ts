/**
 * Sets of completion indexes kept as ordered, non-adjacent intervals, written as Kubernetes writes
 * status.completedIndexes and status.failedIndexes: "1,3-5,7" (two neighbours are "3,4", three or
 * more a range). Also the first indexes still to run.
 */

export interface Interval { first: number; last: number }
export type Intervals = Interval[];

/** Parses "1,3-5"; parts at or beyond `completions` are dropped, malformed parts skipped. */
export function parseIndexes(text: string | undefined, completions: number): Intervals {
  const out: Intervals = [];
  if (!text) return out;
  for (const part of text.split(',')) {
    const [a, b] = part.split('-');
    if (!/^\d+$/.test(a ?? '')) continue;
    const first = Number(a);
    if (first >= completions) break;
    let last = first;
    if (b !== undefined) {
      if (!/^\d+$/.test(b)) continue;
      last = Math.min(Number(b), completions - 1);
    }
    const prev = out[out.length - 1];
    if (prev && prev.last === first - 1) prev.last = last;
    else out.push({ first, last });
  }
  return out;
}

export function formatIndexes(iv: Intervals): string {
  return iv.map(({ first, last }) => {
    if (last === first) return String(first);
    return last === first + 1 ? `${first},${last}` : `${first}-${last}`;
  }).join(',');
}

/** The union of two interval lists (each ordered). */
export function mergeIntervals(a: Intervals, b: Intervals): Intervals {
  const all = [...a, ...b].sort((x, y) => x.first - y.first);
  const out: Intervals = [];
  for (const iv of all) {
    const prev = out[out.length - 1];
    if (!prev || iv.first > prev.last + 1) out.push({ ...iv });
    else if (iv.last > prev.last) prev.last = iv.last;
  }
  return out;
}

/** Adds single indexes (any order). */
export function withIndexes(iv: Intervals, indexes: Iterable<number>): Intervals {
  return mergeIntervals(iv, [...indexes].map((i) => ({ first: i, last: i })));
}

export function hasIndex(iv: Intervals | undefined, ix: number): boolean {
  return (iv ?? []).some((x) => x.first <= ix && ix <= x.last);
}

export function totalIndexes(iv: Intervals | undefined): number {
  return (iv ?? []).reduce((n, x) => n + x.last - x.first + 1, 0);
}

/** Up to `count` indexes below `completions` that are not in `taken`, lowest first. */
export function firstPendingIndexes(taken: Intervals, count: number, completions: number): number[] {
  const out: number[] = [];
  let candidate = 0;
  for (const iv of taken) {
    for (; candidate < completions && out.length < count && candidate < iv.first; candidate++) out.push(candidate);
    if (candidate <= iv.last) candidate = iv.last + 1;
  }
  for (; candidate < completions && out.length < count; candidate++) out.push(candidate);
  return out;
}
