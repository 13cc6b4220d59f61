/**
 * A DaemonSet's RollingUpdate step, as Kubernetes plans it over its nodes' pods.
 * Without surge: old pods that are not available are replaced at once; available old pods are
 * deleted (the manage loop then creates their replacements) only while fewer than maxUnavailable
 * nodes are unavailable. With surge: a node whose old pod is not available gets a new pod at once;
 * up to maxSurge further nodes get a new pod beside their available old one; an old pod goes once
 * the new pod beside it is available. A node with several old or several new pods is left to the
 * manage loop (and counts against the budget). maxUnavailable and maxSurge are rounded up from
 * percentages of the nodes that should run the daemon; both zero means maxUnavailable 1.
 */
import { isAvailable, type Pod } from '../replicaset/index.js';
import { isPodUpdated, templateGeneration } from './daemon-pods.js';
import type { DaemonPod, DaemonSet } from './types.js';

/** intstr.GetScaledValueFromIntOrPercent: an int as is, "N%" of total rounded up or down. */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number.parseInt(v, 10) || 0;
  const f = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(f) : Math.floor(f);
}

export function isRollingUpdate(ds: DaemonSet): boolean {
  return ds.spec?.updateStrategy?.type === 'RollingUpdate';
}

/** SurgeCount and UnavailableCount for this many nodes, with the 0/0 → unavailable 1 rule. */
export function updateBudget(ds: DaemonSet, desired: number): { maxSurge: number; maxUnavailable: number } {
  const ru = ds.spec?.updateStrategy?.rollingUpdate;
  const rolling = isRollingUpdate(ds) && !!ru;
  const maxSurge = rolling ? scaledValue(ru?.maxSurge, desired, true) : 0;
  let maxUnavailable = rolling ? scaledValue(ru?.maxUnavailable, desired, true) : 0;
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

/** AllowsSurge: more than one pod per node may run during an update. */
export function allowsSurge(ds: DaemonSet): boolean {
  return isRollingUpdate(ds) && scaledValue(ds.spec?.updateStrategy?.rollingUpdate?.maxSurge, 1, true) > 0;
}

/** The one new and one old (not terminating) pod on a node; ok false when there are more of either. */
export function updatedPodsOnNode(ds: DaemonSet, pods: readonly DaemonPod[], hash: string): { newPod?: DaemonPod; oldPod?: DaemonPod; ok: boolean } {
  const generation = templateGeneration(ds);
  let newPod: DaemonPod | undefined;
  let oldPod: DaemonPod | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (newPod) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false };
      oldPod = pod;
    }
  }
  return { newPod, oldPod, ok: true };
}

export interface UpdateStep { podsToDelete: DaemonPod[]; nodesToCreate: string[] }

/**
 * One step of the rolling update. nodeToPods holds every node that should run the daemon (an
 * empty list for one without pods) and every node that has daemon pods.
 */
export function planRollingUpdate(ds: DaemonSet, nodeToPods: ReadonlyMap<string, readonly DaemonPod[]>, desired: number, hash: string, now: number): UpdateStep {
  const { maxSurge, maxUnavailable } = updateBudget(ds, desired);
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const available = (p: DaemonPod): boolean => isAvailable(p as Pod, minReady, now);
  if (maxSurge === 0) {
    let unavailable = 0;
    const replace: DaemonPod[] = [];
    const candidates: DaemonPod[] = [];
    for (const pods of nodeToPods.values()) {
      const { newPod, oldPod, ok } = updatedPodsOnNode(ds, pods, hash);
      if (!ok || (!oldPod && !newPod) || (oldPod && newPod)) { unavailable++; continue; }
      if (newPod) { if (!available(newPod)) unavailable++; continue; }
      if (!oldPod) continue;
      if (!available(oldPod)) replace.push(oldPod);
      else if (unavailable < maxUnavailable) candidates.push(oldPod);
    }
    const room = Math.min(Math.max(maxUnavailable - unavailable, 0), candidates.length);
    return { podsToDelete: [...replace, ...candidates.slice(0, room)], nodesToCreate: [] };
  }
  let surging = 0;
  const podsToDelete: DaemonPod[] = [];
  const allowed: string[] = [];
  const candidates: string[] = [];
  for (const [node, pods] of nodeToPods) {
    const { newPod, oldPod, ok } = updatedPodsOnNode(ds, pods, hash);
    if (!ok) { surging++; continue; }
    if (!oldPod) continue;
    if (!newPod) {
      if (!available(oldPod)) allowed.push(node);
      else if (surging < maxSurge) candidates.push(node);
      continue;
    }
    if (!available(newPod)) { surging++; continue; }
    podsToDelete.push(oldPod);
  }
  const room = Math.min(Math.max(maxSurge - surging, 0), candidates.length);
  return { podsToDelete, nodesToCreate: [...allowed, ...candidates.slice(0, room)] };
}
