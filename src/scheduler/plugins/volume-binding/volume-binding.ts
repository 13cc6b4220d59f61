/**
 * VolumeBinding, in a simple form over the PersistentVolumes, claims and StorageClasses in the
 * snapshot: every claim the pod uses must exist and not be going away; claims of Immediate
 * classes must already be bound; a bound claim's volume must exist and its node affinity match
 * the node; a WaitForFirstConsumer claim needs an available volume that fits it on this node (the
 * smallest wins), or a class that can provision there (allowedTopologies). No CSI capacity checks.
 * Filter remembers, per node, how the pod's claims would be satisfied there; PreBind (pre-bind.ts,
 * run by the binder) acts on the chosen node's answer.
 */
import type { Cycle, FilterPlugin, PreFilterPlugin, PreFilterResult, StateData } from '../../framework.js';
import { compileLabelSelector } from '../../labels.js';
import { claimName, type NodeInfo } from '../../node-info.js';
import { NodeSelectorMatcher } from '../../node-selector.js';
import type { PodInfo } from '../../pod-info.js';
import { value } from '../../resources.js';
import type { Snapshot } from '../../snapshot.js';
import { SKIP, type Status, unresolvable } from '../../status.js';
import type { PersistentVolumeClaimView, PersistentVolumeView } from '../../types.js';
import { rememberPodVolumes } from './pre-bind.js';

export const VOLUME_BINDING = 'VolumeBinding';
export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_REASON_NOT_ENOUGH_SPACE = 'node(s) did not have enough free storage';
export const ERR_REASON_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
export const ERR_REASON_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';

const NO_PROVISIONER = 'kubernetes.io/no-provisioner';
const STATE_KEY = 'PreFilterVolumeBinding';

export interface PodVolumeClaims { bound: PersistentVolumeClaimView[]; delayed: PersistentVolumeClaimView[] }

export interface PodVolumes {
  /** Unsatisfied conditions, as filter reasons; empty when the pod's volumes fit the node. */
  reasons: string[];
  /** Claims to bind to existing volumes. */
  staticBindings: Array<{ pvc: PersistentVolumeClaimView; pv: PersistentVolumeView }>;
  /** Claims to be provisioned for this node. */
  dynamicProvisions: PersistentVolumeClaimView[];
}

class State implements StateData {
  constructor(readonly claims: PodVolumeClaims) {}
  clone(): StateData { return this; }
}

export function claimClass(pvc: PersistentVolumeClaimView): string {
  return pvc.spec?.storageClassName ?? pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
}

function isBound(pvc: PersistentVolumeClaimView): boolean {
  return !!pvc.spec?.volumeName && (pvc.status?.phase === 'Bound' || pvc.metadata.annotations?.['pv.kubernetes.io/bind-completed'] !== undefined);
}

/** Sorts the pod's claims into bound and WaitForFirstConsumer ones; a Status when the pod cannot go on. */
export function podVolumeClaims(s: Snapshot, pod: PodInfo): PodVolumeClaims | Status | null {
  const out: PodVolumeClaims = { bound: [], delayed: [] };
  let any = false;
  for (const v of pod.pod.spec?.volumes ?? []) {
    const name = claimName(pod.name, v);
    if (!name) continue;
    any = true;
    const pvc = s.pvcs.get(`${pod.namespace}/${name}`);
    if (!pvc) {
      return unresolvable(v.ephemeral
        ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${name}"`
        : `persistentvolumeclaim "${name}" not found`);
    }
    if (pvc.status?.phase === 'Lost') return unresolvable(`persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ''}"`);
    if (pvc.metadata.deletionTimestamp) return unresolvable(`persistentvolumeclaim "${name}" is being deleted`);
    if (isBound(pvc)) { out.bound.push(pvc); continue; }
    const cls = claimClass(pvc);
    if (cls === '') return unresolvable(ERR_REASON_UNBOUND_IMMEDIATE);
    // A class that does not exist (yet) binds immediately, as volume.IsDelayBindingMode has it.
    if (s.storageClasses.get(cls)?.volumeBindingMode === 'WaitForFirstConsumer') out.delayed.push(pvc);
    else return unresolvable(ERR_REASON_UNBOUND_IMMEDIATE);
  }
  return any ? out : null;
}

function pvMatchesNode(pv: PersistentVolumeView, node: NodeInfo): boolean {
  const req = pv.spec?.nodeAffinity?.required;
  return !req || new NodeSelectorMatcher(req).matches(node.name, node.labels);
}

function boundToClaim(pv: PersistentVolumeView, pvc: PersistentVolumeClaimView): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref || ref.name !== pvc.metadata.name || (ref.namespace ?? 'default') !== (pvc.metadata.namespace ?? 'default')) return false;
  return !ref.uid || !pvc.metadata.uid || ref.uid === pvc.metadata.uid;
}

function storage(q: Record<string, string | number> | undefined): number {
  return q?.storage === undefined ? 0 : value(q.storage);
}

/** The smallest available volume that fits the claim on the node (volume.FindMatchingVolume). */
function findMatchingVolume(s: Snapshot, pvc: PersistentVolumeClaimView, node: NodeInfo, chosen: Set<string>): PersistentVolumeView | undefined {
  const want = storage(pvc.spec?.resources?.requests);
  const cls = claimClass(pvc);
  const selector = pvc.spec?.selector ? compileLabelSelector(pvc.spec.selector) : undefined;
  const modes = pvc.spec?.accessModes ?? [];
  let best: PersistentVolumeView | undefined;
  let bestSize = Infinity;
  for (const pv of s.pvs.values()) {
    const name = pv.metadata.name ?? '';
    if (chosen.has(name) || (pv.spec?.claimRef && !boundToClaim(pv, pvc))) continue;
    const size = storage(pv.spec?.capacity);
    if (size < want || (pvc.spec?.volumeMode ?? 'Filesystem') !== (pv.spec?.volumeMode ?? 'Filesystem') || pv.metadata.deletionTimestamp) continue;
    const fits = pvMatchesNode(pv, node);
    if (boundToClaim(pv, pvc)) return fits ? pv : undefined;
    const phase = pv.status?.phase;
    if ((phase !== undefined && phase !== 'Available') || (selector && !selector.matches(pv.metadata.labels))) continue;
    if ((pv.spec?.storageClassName ?? '') !== cls || !fits) continue;
    if (!modes.every((m) => pv.spec?.accessModes?.includes(m))) continue;
    if (size < bestSize) { best = pv; bestSize = size; }
  }
  return best;
}

function canProvision(s: Snapshot, pvc: PersistentVolumeClaimView, node: NodeInfo): boolean {
  const sc = s.storageClasses.get(claimClass(pvc));
  if (!sc?.provisioner || sc.provisioner === NO_PROVISIONER) return false;
  const terms = sc.allowedTopologies ?? [];
  if (terms.length === 0) return true;
  return terms.some((t) => (t.matchLabelExpressions ?? []).every((e) => {
    const v = node.labels[e.key ?? ''];
    return v !== undefined && (e.values ?? []).includes(v);
  }));
}

/** Can the pod's claims be satisfied on the node, and how (SchedulerVolumeBinder.FindPodVolumes). */
export function findPodVolumes(s: Snapshot, claims: PodVolumeClaims, node: NodeInfo): PodVolumes {
  const out: PodVolumes = { reasons: [], staticBindings: [], dynamicProvisions: [] };
  let pvsFound = true;
  let boundOk = true;
  for (const pvc of claims.bound) {
    const pv = s.pvs.get(pvc.spec?.volumeName ?? '');
    if (!pv) { pvsFound = false; break; }
    if (!pvMatchesNode(pv, node)) { boundOk = false; break; }
  }
  let unboundOk = true;
  const chosen = new Set<string>();
  const delayed = [...claims.delayed].sort((a, b) => storage(a.spec?.resources?.requests) - storage(b.spec?.resources?.requests));
  for (const pvc of delayed) {
    const pv = findMatchingVolume(s, pvc, node, chosen);
    if (pv) {
      chosen.add(pv.metadata.name ?? '');
      out.staticBindings.push({ pvc, pv });
    } else if (canProvision(s, pvc, node)) {
      out.dynamicProvisions.push(pvc);
    } else {
      unboundOk = false;
    }
  }
  if (!pvsFound) out.reasons.push(ERR_REASON_PV_NOT_EXIST);
  if (!boundOk) out.reasons.push(ERR_REASON_NODE_CONFLICT);
  if (!unboundOk) out.reasons.push(ERR_REASON_BIND_CONFLICT);
  return out;
}

export const volumeBinding: PreFilterPlugin & FilterPlugin = {
  name: VOLUME_BINDING,
  preFilter(c: Cycle): PreFilterResult | null {
    const claims = podVolumeClaims(c.snapshot, c.pod);
    if (claims === null) return { status: SKIP };
    if ('code' in claims) return { status: claims };
    c.state.write(STATE_KEY, new State(claims));
    return null;
  },
  filter(c: Cycle, node: NodeInfo): Status | null {
    const st = c.state.read<State>(STATE_KEY);
    if (!st) return null;
    const r = findPodVolumes(c.snapshot, st.claims, node);
    if (r.reasons.length === 0) rememberPodVolumes(c.pod.pod, node.name, r);
    return r.reasons.length === 0 ? null : { code: 'UnschedulableAndUnresolvable', reasons: r.reasons, plugin: VOLUME_BINDING };
  },
};
