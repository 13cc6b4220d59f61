/**
 * Quota scopes: which objects a quota counts. spec.scopes are shorthand for "Exists" selectors;
 * spec.scopeSelector adds conditions with operators. Pods match Terminating (an
 * activeDeadlineSeconds ≥ 0), NotTerminating, BestEffort and NotBestEffort (QoS class),
 * PriorityClass (by name, as a label "PriorityClass=<name>") and CrossNamespacePodAffinity; claims
 * match VolumeAttributesClass.
 */
import { podQOSClass, type Pod, type PodAffinityTerm, type WeightedPodAffinityTerm } from '../../api/types/core/pod/index.js';
import type { KObject } from '../../api/index.js';
import type { ResourceQuota, ScopedResourceSelectorRequirement } from './types.js';

/** Every scope condition of a quota: spec.scopes as Exists, then spec.scopeSelector's expressions. */
export function quotaScopeSelectors(q: ResourceQuota): ScopedResourceSelectorRequirement[] {
  const out: ScopedResourceSelectorRequirement[] = (q.spec?.scopes ?? []).map((s) => ({ scopeName: s, operator: 'Exists' }));
  out.push(...(q.spec?.scopeSelector?.matchExpressions ?? []));
  return out;
}

/** A label-selector requirement over {scopeName: value} (value undefined: no such label). */
function selectorMatches(sel: ScopedResourceSelectorRequirement, value: string | undefined): boolean {
  switch (sel.operator) {
    case 'In': return value !== undefined && (sel.values ?? []).includes(value);
    case 'NotIn': return value === undefined || !(sel.values ?? []).includes(value);
    case 'DoesNotExist': return value === undefined;
    default: return value !== undefined;
  }
}

export function isBestEffort(pod: Pod): boolean {
  return (pod.status?.qosClass || podQOSClass(pod.spec ?? {})) === 'BestEffort';
}

export function isTerminatingPod(pod: Pod): boolean {
  const d = pod.spec?.activeDeadlineSeconds;
  return typeof d === 'number' && d >= 0;
}

function crossNamespaceTerm(t: PodAffinityTerm | undefined): boolean {
  return !!t && ((t.namespaces ?? []).length > 0 || (t.namespaceSelector !== undefined && t.namespaceSelector !== null));
}

function usesCrossNamespaceAffinity(pod: Pod): boolean {
  const a = pod.spec?.affinity;
  for (const rules of [a?.podAffinity, a?.podAntiAffinity]) {
    if (!rules) continue;
    if ((rules.requiredDuringSchedulingIgnoredDuringExecution ?? []).some(crossNamespaceTerm)) return true;
    const preferred: WeightedPodAffinityTerm[] = rules.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    if (preferred.some((w) => crossNamespaceTerm(w.podAffinityTerm))) return true;
  }
  return false;
}

export function podMatchesScope(sel: ScopedResourceSelectorRequirement, pod: Pod): boolean {
  switch (sel.scopeName) {
    case 'Terminating': return isTerminatingPod(pod);
    case 'NotTerminating': return !isTerminatingPod(pod);
    case 'BestEffort': return isBestEffort(pod);
    case 'NotBestEffort': return !isBestEffort(pod);
    case 'PriorityClass': return selectorMatches(sel, pod.spec?.priorityClassName || undefined);
    case 'CrossNamespacePodAffinity': return usesCrossNamespaceAffinity(pod);
    default: return false;
  }
}

interface ClaimLike extends KObject {
  spec?: { volumeAttributesClassName?: string | null };
  status?: { currentVolumeAttributesClassName?: string | null; modifyVolumeStatus?: { targetVolumeAttributesClassName?: string } };
}

/** The VolumeAttributesClass names a claim refers to (spec, current, and a modification's target). */
function attributesClasses(pvc: ClaimLike): string[] {
  const names = new Set<string>();
  for (const n of [pvc.spec?.volumeAttributesClassName, pvc.status?.currentVolumeAttributesClassName, pvc.status?.modifyVolumeStatus?.targetVolumeAttributesClassName]) {
    if (n) names.add(n);
  }
  return [...names];
}

export function claimMatchesScope(sel: ScopedResourceSelectorRequirement, pvc: KObject): boolean {
  if (sel.scopeName !== 'VolumeAttributesClass') return false;
  const names = attributesClasses(pvc as ClaimLike);
  if (names.length === 0) return selectorMatches(sel, undefined);
  return names.some((n) => selectorMatches(sel, n));
}
