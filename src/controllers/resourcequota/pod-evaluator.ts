/**
 * The pod evaluator: a pod uses its effective requests and limits (cpu, memory, ephemeral storage,
 * hugepages, extended resources) and counts as one of "pods" until it ends or its deletion grace
 * period is over; "count/pods" counts every stored pod. A quota on cpu or memory needs every
 * container to set them (a rule Kubernetes keeps for compatibility). Scopes: see scopes.ts.
 */
import type { Pod } from '../../api/types/core/pod/index.js';
import { intersect, type QuotaEvaluator } from './evaluator.js';
import { podLimits, podRequests } from './pod-resources.js';
import { quantityOf } from './quantity.js';
import { addLists, parseResourceList, type ResourceList } from './resource-list.js';
import { podMatchesScope } from './scopes.js';

const ONE = quantityOf(1);

const POD_RESOURCES = [
  'count/pods', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods',
];
const POD_PREFIXES = ['hugepages-', 'requests.hugepages-'];
/** Resources a quota may only track if every container sets them (a historical rule kept for compatibility). */
const VALIDATION_SET = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

/** Native: no "/" in the name, or a kubernetes.io/ prefix. */
function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

function isExtendedResource(name: string): boolean {
  return !isNativeResource(name) && !name.startsWith('requests.');
}

/** The quota resources one set of requests and limits consumes (podComputeUsageHelper). */
export function computeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const out: ResourceList = { pods: ONE };
  const pairs: Array<[string, string[]]> = [['cpu', ['cpu', 'requests.cpu']], ['memory', ['memory', 'requests.memory']], ['ephemeral-storage', ['ephemeral-storage', 'requests.ephemeral-storage']]];
  for (const [name, targets] of pairs) {
    if (name in requests) for (const t of targets) out[t] = requests[name];
    if (name in limits) out[`limits.${name}`] = limits[name];
  }
  for (const [name, q] of Object.entries(requests)) {
    if (name.startsWith('hugepages-')) { out[name] = q; out[`requests.${name}`] = q; }
    if (isExtendedResource(name)) out[`requests.${name}`] = q;
  }
  return out;
}

/** Whether a pod still counts: not terminal, and not deleted with its grace period over. */
export function podCountsForQuota(pod: Pod, now: number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const del = pod.metadata.deletionTimestamp;
  const grace = pod.metadata.deletionGracePeriodSeconds;
  if (del && grace !== undefined && grace !== null && now > Date.parse(del) + grace * 1000) return false;
  return true;
}

export const podEvaluator: QuotaEvaluator = {
  group: '', resource: 'pods',
  matchingResources(names) {
    const out = intersect(names, POD_RESOURCES);
    for (const n of names) {
      if (POD_PREFIXES.some((p) => n.startsWith(p))) out.push(n);
      else if (!isNativeResource(n) && n.startsWith('requests.')) out.push(n);
    }
    return out;
  },
  usage(obj, now) {
    const pod = obj as Pod;
    const counted: ResourceList = { 'count/pods': ONE };
    if (!podCountsForQuota(pod, now)) return counted;
    return addLists(counted, computeUsage(podRequests(pod), podLimits(pod)));
  },
  matchesScope: (sel, obj) => podMatchesScope(sel, obj as Pod),
  constraints(required, obj) {
    const pod = obj as Pod;
    const wanted = required.filter((r) => VALIDATION_SET.has(r));
    if (wanted.length === 0) return undefined;
    const missing = new Map<string, Set<string>>();
    for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
      const has = computeUsage(parseResourceList(c.resources?.requests), parseResourceList(c.resources?.limits));
      for (const r of wanted) {
        if (r in has) continue;
        if (!missing.has(r)) missing.set(r, new Set());
        missing.get(r)?.add(c.name ?? '');
      }
    }
    if (missing.size === 0) return undefined;
    const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...(missing.get(r) ?? [])].sort().join(',')}`);
    return `must specify ${parts.join('; ')}`;
  },
  handles: (op) => op === 'CREATE',
};
