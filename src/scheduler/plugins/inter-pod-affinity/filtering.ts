/**
 * InterPodAffinity's filter: per topology domain, how many existing pods match the incoming pod's
 * required affinity and anti-affinity terms, and how many existing pods' required anti-affinity
 * terms match the incoming pod (symmetry). Counted once per cycle from the label index and the
 * set of pods with anti-affinity; each node then only looks its labels up. A node is checked for
 * the pod's affinity, then its anti-affinity, then the existing pods' anti-affinity, and the first
 * failure is the reason reported.
 */
import type { Cycle, PreFilterResult, StateData } from '../../framework.js';
import type { Labels } from '../../labels.js';
import type { NodeInfo } from '../../node-info.js';
import { type AffinityTerm, type PodInfo, termMatches } from '../../pod-info.js';
import type { Snapshot } from '../../snapshot.js';
import { SKIP, type Status } from '../../status.js';
import { TopologyCounts } from '../topology-counts.js';

export const INTER_POD_AFFINITY = 'InterPodAffinity';
export const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";

const EXISTING_REJECTED: Status = Object.freeze({ code: 'Unschedulable', reasons: [ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH], plugin: INTER_POD_AFFINITY });
const AFFINITY_REJECTED: Status = Object.freeze({ code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_AFFINITY_RULES_NOT_MATCH], plugin: INTER_POD_AFFINITY });
const ANTI_REJECTED: Status = Object.freeze({ code: 'Unschedulable', reasons: [ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH], plugin: INTER_POD_AFFINITY });

const FILTER_KEY = 'PreFilterInterPodAffinity';

export class FilterState implements StateData {
  constructor(
    readonly existingAntiAffinity: TopologyCounts,
    readonly affinity: TopologyCounts,
    readonly antiAffinity: TopologyCounts,
    readonly nsLabels: Labels | undefined,
  ) {}
  clone(): FilterState {
    return new FilterState(this.existingAntiAffinity.clone(), this.affinity.clone(), this.antiAffinity.clone(), this.nsLabels);
  }
}

function matchesAll(terms: readonly AffinityTerm[], p: PodInfo, nsLabels: Labels | undefined): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!termMatches(t, p, nsLabels)) return false;
  return true;
}

/** The terms' candidates: pods the smallest index lookup of any of the terms returns. */
function candidatesForAll(s: Snapshot, terms: readonly AffinityTerm[]): Iterable<PodInfo> {
  let best: Iterable<PodInfo> = s.podIndex.all;
  let bestSize = Infinity;
  for (const t of terms) {
    const c = s.podIndex.candidates(t.selector);
    const size = c instanceof Set ? c.size : Array.isArray(c) ? c.length : Infinity - 1;
    if (size < bestSize) { best = c; bestSize = size; }
  }
  return best;
}

/** Applies one pod's effect on the counts (sign 1: the pod is there; -1: it left). */
export function updateWithPod(st: FilterState, incoming: PodInfo, p: PodInfo, node: NodeInfo, snapshot: Snapshot, sign: 1 | -1): void {
  const labels = node.labels;
  for (const t of p.requiredAntiAffinityTerms) {
    if (termMatches(t, incoming, st.nsLabels)) st.existingAntiAffinity.addForNode(t.topologyKey, labels, sign, true);
  }
  const pNs = snapshot.namespaceLabelsOf(p.namespace);
  if (matchesAll(incoming.requiredAffinityTerms, p, pNs)) {
    for (const t of incoming.requiredAffinityTerms) st.affinity.addForNode(t.topologyKey, labels, sign, true);
  }
  for (const t of incoming.requiredAntiAffinityTerms) {
    if (termMatches(t, p, pNs)) st.antiAffinity.addForNode(t.topologyKey, labels, sign, true);
  }
}

export function preFilter(c: Cycle): PreFilterResult | null {
  const pod = c.pod;
  const s = c.snapshot;
  if (pod.requiredAffinityTerms.length === 0 && pod.requiredAntiAffinityTerms.length === 0 && s.podsWithRequiredAntiAffinity.size === 0) {
    return { status: SKIP };
  }
  const nsLabels = s.namespaceLabelsOf(pod.namespace);
  const st = new FilterState(new TopologyCounts(), new TopologyCounts(), new TopologyCounts(), nsLabels);
  for (const e of s.podsWithRequiredAntiAffinity) {
    const node = s.nodeOf(e);
    if (!node) continue;
    for (const t of e.requiredAntiAffinityTerms) {
      if (termMatches(t, pod, nsLabels)) st.existingAntiAffinity.addForNode(t.topologyKey, node.labels, 1, true);
    }
  }
  if (pod.requiredAffinityTerms.length > 0) {
    for (const p of candidatesForAll(s, pod.requiredAffinityTerms)) {
      const node = s.nodeOf(p);
      if (!node || !matchesAll(pod.requiredAffinityTerms, p, s.namespaceLabelsOf(p.namespace))) continue;
      for (const t of pod.requiredAffinityTerms) st.affinity.addForNode(t.topologyKey, node.labels, 1, true);
    }
  }
  for (const t of pod.requiredAntiAffinityTerms) {
    for (const p of s.podIndex.candidates(t.selector)) {
      const node = s.nodeOf(p);
      if (node && termMatches(t, p, s.namespaceLabelsOf(p.namespace))) st.antiAffinity.addForNode(t.topologyKey, node.labels, 1, true);
    }
  }
  if (st.existingAntiAffinity.size === 0 && pod.requiredAffinityTerms.length === 0 && pod.requiredAntiAffinityTerms.length === 0) {
    return { status: SKIP };
  }
  c.state.write(FILTER_KEY, st);
  return null;
}

function satisfiesPodAffinity(st: FilterState, pod: PodInfo, labels: Labels): boolean {
  const terms = pod.requiredAffinityTerms;
  if (terms.length === 0) return true;
  let podsExist = true;
  for (const t of terms) {
    const v = labels[t.topologyKey];
    if (v === undefined) return false;
    if (st.affinity.get(t.topologyKey, v) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself: allowed when no pod matches yet.
  return st.affinity.size === 0 && matchesAll(terms, pod, st.nsLabels);
}

function satisfiesPodAntiAffinity(st: FilterState, pod: PodInfo, labels: Labels): boolean {
  if (st.antiAffinity.size === 0) return true;
  for (const t of pod.requiredAntiAffinityTerms) {
    const v = labels[t.topologyKey];
    if (v !== undefined && st.antiAffinity.get(t.topologyKey, v) > 0) return false;
  }
  return true;
}

export function filter(c: Cycle, node: NodeInfo): Status | null {
  const st = c.state.read<FilterState>(FILTER_KEY);
  if (!st) return null;
  if (!satisfiesPodAffinity(st, c.pod, node.labels)) return AFFINITY_REJECTED;
  if (!satisfiesPodAntiAffinity(st, c.pod, node.labels)) return ANTI_REJECTED;
  if (st.existingAntiAffinity.size > 0 && st.existingAntiAffinity.anyPositiveFor(node.labels)) return EXISTING_REJECTED;
  return null;
}

export function addPod(c: Cycle, p: PodInfo, node: NodeInfo): void {
  const st = c.state.read<FilterState>(FILTER_KEY);
  if (st) updateWithPod(st, c.pod, p, node, c.snapshot, 1);
}

export function removePod(c: Cycle, p: PodInfo, node: NodeInfo): void {
  const st = c.state.read<FilterState>(FILTER_KEY);
  if (st) updateWithPod(st, c.pod, p, node, c.snapshot, -1);
}
