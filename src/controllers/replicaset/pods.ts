/**
 * What the ReplicaSet controller reads from pods: whether one is active, ready, available after
 * minReadySeconds, and Kubernetes' order for choosing which pods to delete first (unassigned before
 * assigned, Pending before Unknown before Running, not ready before ready, more pods of the set on
 * the same node first, ready for less time first, more restarts first, newer first).
 */
import type { KObject } from '../../api/index.js';

export interface PodCondition { type: string; status: string; lastTransitionTime?: string }
export interface Pod extends KObject {
  spec?: { nodeName?: string; [k: string]: unknown };
  status?: { phase?: string; conditions?: PodCondition[]; containerStatuses?: Array<{ restartCount?: number }> };
}

export function isActive(p: Pod): boolean {
  const phase = p.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !p.metadata.deletionTimestamp;
}

function readyCondition(p: Pod): PodCondition | undefined {
  return p.status?.conditions?.find((c) => c.type === 'Ready');
}

export function isReady(p: Pod): boolean {
  return readyCondition(p)?.status === 'True';
}

/** Ready for at least minReadySeconds (by the Ready condition's lastTransitionTime). */
export function isAvailable(p: Pod, minReadySeconds: number, now: number): boolean {
  const c = readyCondition(p);
  if (c?.status !== 'True') return false;
  if (!minReadySeconds) return true;
  const since = c.lastTransitionTime ? Date.parse(c.lastTransitionTime) : NaN;
  return !Number.isNaN(since) && since + minReadySeconds * 1000 <= now;
}

/** Milliseconds until the pod becomes available, if it is ready but not yet available. */
export function untilAvailable(p: Pod, minReadySeconds: number, now: number): number | undefined {
  const c = readyCondition(p);
  if (c?.status !== 'True' || !minReadySeconds || !c.lastTransitionTime) return undefined;
  const at = Date.parse(c.lastTransitionTime) + minReadySeconds * 1000;
  return at > now ? at - now : undefined;
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function restarts(p: Pod): number {
  return (p.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
}

/** Sorts pods so the ones to delete first come first. */
export function rankForDeletion(pods: Pod[]): Pod[] {
  const onNode = new Map<string, number>();
  for (const p of pods) if (p.spec?.nodeName) onNode.set(p.spec.nodeName, (onNode.get(p.spec.nodeName) ?? 0) + 1);
  const key = (p: Pod) => ({
    assigned: p.spec?.nodeName ? 1 : 0,
    phase: PHASE_RANK[p.status?.phase ?? 'Pending'] ?? 0,
    ready: isReady(p) ? 1 : 0,
    colocated: p.spec?.nodeName ? onNode.get(p.spec.nodeName) ?? 0 : 0,
    readySince: Date.parse(readyCondition(p)?.lastTransitionTime ?? '') || 0,
    restarts: restarts(p),
    created: Date.parse(p.metadata.creationTimestamp ?? '') || 0,
  });
  return pods.map((p) => ({ p, k: key(p) })).sort((a, b) => {
    const x = a.k; const y = b.k;
    if (x.assigned !== y.assigned) return x.assigned - y.assigned;
    if (x.phase !== y.phase) return x.phase - y.phase;
    if (x.ready !== y.ready) return x.ready - y.ready;
    if (x.colocated !== y.colocated) return y.colocated - x.colocated;
    if (x.ready && y.ready && x.readySince !== y.readySince) return y.readySince - x.readySince;
    if (x.restarts !== y.restarts) return y.restarts - x.restarts;
    return y.created - x.created;
  }).map((e) => e.p);
}
