/**
 * The QuotaEvaluator contract — per kind: the quota resource names it accounts for, what one object
 * uses, which scopes it can match, and when admission must look at it — with the helpers every
 * evaluator shares: count/<resource>[.<group>] names and whether a quota counts an object.
 */
import type { KObject } from '../../api/index.js';
import type { ResourceList, WireResourceList } from './resource-list.js';
import { quotaScopeSelectors } from './scopes.js';
import type { ResourceQuota, ScopedResourceSelectorRequirement } from './types.js';

export type QuotaOperation = 'CREATE' | 'UPDATE' | 'DELETE';

export interface QuotaEvaluator {
  readonly group: string;
  readonly resource: string;
  /** The names among these that this evaluator accounts for. */
  matchingResources(names: readonly string[]): string[];
  /** What the object uses; now (ms) decides whether a deleted pod's grace period is over. */
  usage(obj: KObject, now: number): ResourceList;
  /** Whether the object matches one scope condition (kinds without scopes match none). */
  matchesScope(sel: ScopedResourceSelectorRequirement, obj: KObject): boolean;
  /** Why the object cannot be admitted under a quota tracking these names, if it cannot. */
  constraints(required: readonly string[], obj: KObject): string | undefined;
  /** Whether a write with this operation can change usage. */
  handles(op: QuotaOperation): boolean;
}

/** "count/pods", "count/deployments.apps". */
export function objectCountName(group: string, resource: string): string {
  return group ? `count/${resource}.${group}` : `count/${resource}`;
}

/** The group and resource a count/… name counts, or undefined for other names. */
export function countedResource(name: string): { group: string; resource: string } | undefined {
  if (!name.startsWith('count/')) return undefined;
  const rest = name.slice('count/'.length);
  const dot = rest.indexOf('.');
  return dot < 0 ? { group: '', resource: rest } : { group: rest.slice(dot + 1), resource: rest.slice(0, dot) };
}

/** The names of a resource list, sorted. */
export function resourceNames(list: WireResourceList | ResourceList | undefined): string[] {
  return Object.keys(list ?? {}).sort();
}

/** Whether a quota counts this object: it tracks something the evaluator accounts for, and every scope matches. */
export function quotaMatches(q: ResourceQuota, evaluator: QuotaEvaluator, obj: KObject): boolean {
  if (evaluator.matchingResources(resourceNames(q.status?.hard)).length === 0) return false;
  return quotaScopeSelectors(q).every((sel) => evaluator.matchesScope(sel, obj));
}

/** The names among names that are also in known, in names' order. */
export const intersect = (names: readonly string[], known: readonly string[]): string[] => names.filter((n) => known.includes(n));
