/**
 * An index of assigned pods by label, so that affinity and spreading find the pods a selector
 * can match without walking every pod: a selector with a "key In values" requirement only looks
 * at the pods carrying one of those values.
 */
import type { Selector } from './labels.js';
import type { PodInfo } from './pod-info.js';

export class PodLabelIndex {
  private readonly byLabel = new Map<string, Map<string, Set<PodInfo>>>();
  readonly all = new Set<PodInfo>();

  add(p: PodInfo): void {
    this.all.add(p);
    for (const k in p.labels) {
      let values = this.byLabel.get(k);
      if (!values) this.byLabel.set(k, (values = new Map()));
      const v = p.labels[k];
      let set = values.get(v);
      if (!set) values.set(v, (set = new Set()));
      set.add(p);
    }
  }

  remove(p: PodInfo): void {
    this.all.delete(p);
    for (const k in p.labels) {
      const values = this.byLabel.get(k);
      const set = values?.get(p.labels[k]);
      if (!values || !set) continue;
      set.delete(p);
      if (set.size === 0) values.delete(p.labels[k]);
      if (values.size === 0) this.byLabel.delete(k);
    }
  }

  /**
   * Pods that may match the selector: a superset of the matches (callers still test each one),
   * usually far smaller than all pods. A selector that matches nothing yields nothing.
   */
  candidates(sel: Selector): Iterable<PodInfo> {
    if (sel.nothing) return [];
    let best: Iterable<PodInfo> = this.all;
    let bestSize = this.all.size;
    for (const { key, values } of sel.indexable()) {
      const byValue = this.byLabel.get(key);
      if (!byValue) return [];
      if (values.length === 1) {
        const set = byValue.get(values[0]);
        if (!set) return [];
        if (set.size < bestSize) { best = set; bestSize = set.size; }
        continue;
      }
      let size = 0;
      const sets: Set<PodInfo>[] = [];
      for (const v of values) {
        const set = byValue.get(v);
        if (set) { sets.push(set); size += set.size; }
      }
      if (size === 0) return [];
      if (size < bestSize) { best = chain(sets); bestSize = size; }
    }
    return best;
  }
}

function* chain(sets: Set<PodInfo>[]): Iterable<PodInfo> {
  for (const s of sets) yield* s;
}
