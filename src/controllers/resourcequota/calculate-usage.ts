/**
 * A quota's usage computed from the objects in its namespace (quota.CalculateUsage): for each
 * evaluator that accounts for some of the quota's hard names, the sum over the objects matching all
 * of the quota's scopes, starting from zero for each of those names. Names whose objects cannot be
 * listed are left out, so the caller keeps their previous value.
 */
import type { KObject } from '../../api/index.js';
import { quantityOf } from './quantity.js';
import { addLists, mask, type ResourceList } from './resource-list.js';
import { quotaScopeSelectors } from './scopes.js';
import { resourceNames, type QuotaEvaluator } from './evaluator.js';
import type { ResourceQuota } from './types.js';

/** The objects of an evaluator's kind in a namespace; undefined when they cannot be listed yet. */
export type ListObjects = (evaluator: QuotaEvaluator, namespace: string) => readonly KObject[] | undefined;

export function calculateUsage(q: ResourceQuota, evaluators: readonly QuotaEvaluator[], list: ListObjects, now: number): ResourceList {
  const hard = resourceNames(q.spec?.hard);
  const namespace = q.metadata.namespace ?? '';
  const selectors = quotaScopeSelectors(q);
  const matched = new Set<string>();
  for (const e of evaluators) for (const n of e.matchingResources(hard)) matched.add(n);
  let used: ResourceList = {};
  for (const e of evaluators) {
    const names = e.matchingResources([...matched]);
    if (names.length === 0) continue;
    const objects = list(e, namespace);
    if (!objects) {
      for (const n of names) matched.delete(n);
      continue;
    }
    let stats: ResourceList = Object.fromEntries(names.map((n) => [n, quantityOf(0)]));
    for (const obj of objects) {
      if (!selectors.every((sel) => e.matchesScope(sel, obj))) continue;
      stats = addLists(stats, e.usage(obj, now));
    }
    used = addLists(used, stats);
  }
  return mask(used, matched);
}
