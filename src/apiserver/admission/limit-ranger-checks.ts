/**
 * What LimitRanger does with one LimitRange, as Kubernetes' plugin does it: give containers and init
 * containers the Container item's default requests and limits they lack (and say so in the pod's
 * kubernetes.io/limit-ranger annotation), and check min, max and maxLimitRequestRatio per Container,
 * per Pod (its aggregate requests and limits) and per PersistentVolumeClaim (its storage request),
 * with Kubernetes' messages.
 */
import type { KObject } from '../../api/index.js';
import type { Container, Pod } from '../../api/types/core/pod/index.js';
import {
  comparableValues, formatQuantity, parseResourceList, podLimits, podRequests, unitValue, milliValue,
  type Quantity, type ResourceList, type WireResourceList,
} from '../../controllers/resourcequota/index.js';

export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

export interface LimitRangeItem {
  type?: string;
  max?: WireResourceList;
  min?: WireResourceList;
  default?: WireResourceList;
  defaultRequest?: WireResourceList;
  maxLimitRequestRatio?: WireResourceList;
}

export interface LimitRange extends KObject {
  spec?: { limits?: LimitRangeItem[] };
}

const MAX_MILLI_VALUE = 9_223_372_036_854_775_807n / 1000n;
const sorted = (list: WireResourceList | undefined): string[] => Object.keys(list ?? {}).sort();

/** The defaults of the LimitRange's Container items: requests from defaultRequest, limits from default. */
function containerDefaults(lr: LimitRange): { requests: WireResourceList; limits: WireResourceList } {
  const requests: WireResourceList = {};
  const limits: WireResourceList = {};
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== 'Container') continue;
    Object.assign(requests, item.defaultRequest ?? {});
    Object.assign(limits, item.default ?? {});
  }
  return { requests, limits };
}

/** Fills in what one container lacks; returns the annotation parts for it. */
function mergeContainer(c: Container, defaults: { requests: WireResourceList; limits: WireResourceList }, what: string): string[] {
  const set = { requests: [] as string[], limits: [] as string[] };
  for (const which of ['limits', 'requests'] as const) {
    for (const k of sorted(defaults[which])) {
      const have = c.resources?.[which];
      if (have && k in have) continue;
      c.resources ??= {};
      const list = (c.resources[which] ??= {});
      list[k] = defaults[which][k];
      set[which].push(k);
    }
  }
  const parts: string[] = [];
  if (set.requests.length) parts.push(`${set.requests.join(', ')} request for ${what} ${c.name ?? ''}`);
  if (set.limits.length) parts.push(`${set.limits.join(', ')} limit for ${what} ${c.name ?? ''}`);
  return parts;
}

/** PodMutateLimitFunc: applies the LimitRange's container defaults to the pod; true when it set any. */
export function applyPodDefaults(lr: LimitRange, pod: Pod): boolean {
  const defaults = containerDefaults(lr);
  const parts: string[] = [];
  for (const c of pod.spec?.containers ?? []) parts.push(...mergeContainer(c, defaults, 'container'));
  for (const c of pod.spec?.initContainers ?? []) parts.push(...mergeContainer(c, defaults, 'init container'));
  if (parts.length === 0) return false;
  pod.metadata.annotations = { ...pod.metadata.annotations, [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${parts.join('; ')}` };
  return true;
}

const ZERO_Q: Quantity = { nano: 0n, format: 'DecimalSI' };
const text = (q: Quantity): string => formatQuantity(q);

function minConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = requests[name];
  const lim = limits[name];
  const [r, l, e] = comparableValues(req ?? ZERO_Q, lim ?? ZERO_Q, enforced);
  if (!req) return `minimum ${name} usage per ${type} is ${text(enforced)}.  No request is specified`;
  if (r < e) return `minimum ${name} usage per ${type} is ${text(enforced)}, but request is ${text(req)}`;
  if (lim && l < e) return `minimum ${name} usage per ${type} is ${text(enforced)}, but limit is ${text(lim)}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = requests[name];
  const lim = limits[name];
  const [r, l, e] = comparableValues(req ?? ZERO_Q, lim ?? ZERO_Q, enforced);
  if (!lim) return `maximum ${name} usage per ${type} is ${text(enforced)}.  No limit is specified`;
  if (l > e) return `maximum ${name} usage per ${type} is ${text(enforced)}, but limit is ${text(lim)}`;
  if (req && r > e) return `maximum ${name} usage per ${type} is ${text(enforced)}, but request is ${text(req)}`;
  return undefined;
}

/** The max of a claim's storage applies to what it requests (there is no limit to compare). */
function maxRequestConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList): string | undefined {
  const req = requests[name];
  const [r, , e] = comparableValues(req ?? ZERO_Q, ZERO_Q, enforced);
  if (!req) return `maximum ${name} usage per ${type} is ${text(enforced)}.  No request is specified`;
  if (r > e) return `maximum ${name} usage per ${type} is ${text(enforced)}, but request is ${text(req)}`;
  return undefined;
}

function ratioConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = requests[name];
  const lim = limits[name];
  const [r, l] = comparableValues(req ?? ZERO_Q, lim ?? ZERO_Q, enforced);
  const head = `${name} max limit to request ratio per ${type} is ${text(enforced)}`;
  if (!req || r === 0n) return `${head}, but no request is specified or request is 0`;
  if (!lim || l === 0n) return `${head}, but no limit is specified or limit is 0`;
  const observed = Number(l) / Number(r);
  let compared = observed;
  let max = Number(unitValue(enforced));
  if (unitValue(enforced) <= MAX_MILLI_VALUE) {
    compared = observed * 1000;
    max = Number(milliValue(enforced));
  }
  if (compared > max) return `${head}, but provided ratio is ${observed.toFixed(6)}`;
  return undefined;
}

function checkItem(item: LimitRangeItem, type: string, requests: ResourceList, limits: ResourceList, errs: string[]): void {
  const push = (e: string | undefined): void => { if (e) errs.push(e); };
  const min = parseResourceList(item.min);
  const max = parseResourceList(item.max);
  const ratio = parseResourceList(item.maxLimitRequestRatio);
  for (const k of Object.keys(min).sort()) push(minConstraint(type, k, min[k], requests, limits));
  for (const k of Object.keys(max).sort()) push(maxConstraint(type, k, max[k], requests, limits));
  for (const k of Object.keys(ratio).sort()) push(ratioConstraint(type, k, ratio[k], requests, limits));
}

/** PodValidateLimitFunc: every violation of the LimitRange's Container and Pod items. */
export function podViolations(lr: LimitRange, pod: Pod): string[] {
  const errs: string[] = [];
  for (const item of lr.spec?.limits ?? []) {
    if (item.type === 'Container') {
      for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
        checkItem(item, 'Container', parseResourceList(c.resources?.requests), parseResourceList(c.resources?.limits), errs);
      }
    }
    if (item.type === 'Pod') {
      checkItem(item, 'Pod', podRequests(pod, { excludeOverhead: true }), podLimits(pod, { excludeOverhead: true }), errs);
    }
  }
  return errs;
}

interface ClaimLike extends KObject { spec?: { resources?: { requests?: WireResourceList } } }

/** PersistentVolumeClaimValidateLimitFunc: the claim's storage request against the PersistentVolumeClaim items. */
export function claimViolations(lr: LimitRange, pvc: KObject): string[] {
  const errs: string[] = [];
  const requests = parseResourceList((pvc as ClaimLike).spec?.resources?.requests);
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== 'PersistentVolumeClaim') continue;
    const min = parseResourceList(item.min);
    const max = parseResourceList(item.max);
    for (const k of Object.keys(min).sort()) { const e = minConstraint('PersistentVolumeClaim', k, min[k], requests, {}); if (e) errs.push(e); }
    for (const k of Object.keys(max).sort()) { const e = maxRequestConstraint('PersistentVolumeClaim', k, max[k], requests); if (e) errs.push(e); }
  }
  return errs;
}

/** utilerrors.NewAggregate's text: one message alone, several (duplicates dropped) as "[a, b]". */
export function aggregateMessage(errs: readonly string[]): string | undefined {
  if (errs.length === 0) return undefined;
  if (errs.length === 1) return errs[0];
  const unique = [...new Set(errs)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}
