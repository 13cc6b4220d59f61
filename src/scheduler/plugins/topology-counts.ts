/**
 * Counts per topology domain: topology key → label value → number. Used by InterPodAffinity
 * (pods matching terms per domain, and scores per domain).
 */
import type { Labels } from '../labels.js';

export class TopologyCounts {
  readonly byKey = new Map<string, Map<string, number>>();
  private entries = 0;

  /** Number of (key, value) entries held. */
  get size(): number { return this.entries; }

  get(key: string, value: string): number {
    return this.byKey.get(key)?.get(value) ?? 0;
  }

  /** Adds delta; with `dropZero` an entry that reaches 0 is removed (filter counts). */
  add(key: string, value: string, delta: number, dropZero: boolean): void {
    let m = this.byKey.get(key);
    if (!m) this.byKey.set(key, (m = new Map()));
    const had = m.has(value);
    const n = (m.get(value) ?? 0) + delta;
    if (dropZero && n === 0) {
      if (had) { m.delete(value); this.entries--; }
      if (m.size === 0) this.byKey.delete(key);
      return;
    }
    if (!had) this.entries++;
    m.set(value, n);
  }

  /** Adds delta under the node's value of `key`, if the node has that label. */
  addForNode(key: string, labels: Labels, delta: number, dropZero: boolean): void {
    const v = labels[key];
    if (v !== undefined) this.add(key, v, delta, dropZero);
  }

  /** Is any domain the node belongs to counted above zero? */
  anyPositiveFor(labels: Labels): boolean {
    for (const [key, values] of this.byKey) {
      const v = labels[key];
      if (v !== undefined && (values.get(v) ?? 0) > 0) return true;
    }
    return false;
  }

  /** Sum of the counts of the domains the node belongs to. */
  sumFor(labels: Labels): number {
    let s = 0;
    for (const [key, values] of this.byKey) {
      const v = labels[key];
      if (v !== undefined) s += values.get(v) ?? 0;
    }
    return s;
  }

  clone(): TopologyCounts {
    const c = new TopologyCounts();
    for (const [k, m] of this.byKey) c.byKey.set(k, new Map(m));
    c.entries = this.entries;
    return c;
  }
}
