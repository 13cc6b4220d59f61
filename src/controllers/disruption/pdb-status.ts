/**
 * A PodDisruptionBudget's status as the disruption controller computes it, as pure functions:
 * healthy pods (Ready, not being deleted, not just evicted), the budget from minAvailable or
 * maxUnavailable (percentages rounded up over the expected count), disruptionsAllowed (never below
 * 0, and 0 while no pods are expected), the DisruptedPods map the eviction API fills (entries older
 * than two minutes are dropped), and the DisruptionAllowed condition (SufficientPods /
 * InsufficientPods, SyncFailed when the controller cannot compute it).
 */
import type { KObject } from '../../api/index.js';
import type { LabelSelector } from '../replicaset/index.js';

/** How long an eviction keeps its pod out of the healthy count while the pod is not yet terminating. */
export const DELETION_TIMEOUT_MS = 2 * 60_000;

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface PdbStatus {
  observedGeneration?: number;
  disruptedPods?: Record<string, string>;
  disruptionsAllowed: number;
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
  conditions?: Condition[];
}

export interface PodDisruptionBudget extends KObject {
  spec?: { minAvailable?: number | string; maxUnavailable?: number | string; selector?: LabelSelector | null; unhealthyPodEvictionPolicy?: string };
  status?: Partial<PdbStatus>;
}

export interface PodLike extends KObject {
  status?: { phase?: string; conditions?: Array<{ type: string; status: string; reason?: string; lastTransitionTime?: string | null }> };
}

export function isPodReady(p: PodLike): boolean {
  return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** intstr.GetScaledValueFromIntOrPercent: an int as is; "N%" of total, rounded up or down. */
export function scaledValue(v: number | string, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  if (!v.endsWith('%')) throw new Error('invalid value for IntOrString: invalid type: string is not a percentage');
  const digits = v.slice(0, -1);
  if (!/^[+-]?\d+$/.test(digits)) throw new Error(`invalid value for IntOrString: invalid value ${JSON.stringify(v)}: strconv.Atoi: parsing ${JSON.stringify(digits)}: invalid syntax`);
  const x = (Number(digits) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

const parse = (t: string): number => Date.parse(t);

/** Pods that count as healthy: Ready, not terminating, not evicted within the deletion timeout. */
export function countHealthy(pods: readonly PodLike[], disrupted: Readonly<Record<string, string>>, now: number): number {
  let n = 0;
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    const at = disrupted[p.metadata.name ?? ''];
    if (at !== undefined && parse(at) + DELETION_TIMEOUT_MS > now) continue;
    if (isPodReady(p)) n++;
  }
  return n;
}

/**
 * The DisruptedPods entries still worth keeping (pods that exist, are not yet terminating, evicted
 * less than the deletion timeout ago), when to look again, and the pods whose eviction did not lead
 * to a deletion in time.
 */
export function disruptedPodMap(pods: readonly PodLike[], pdb: PodDisruptionBudget, now: number): { map: Record<string, string>; recheckAt?: number; notDeleted: PodLike[] } {
  const old = pdb.status?.disruptedPods ?? {};
  const map: Record<string, string> = {};
  const notDeleted: PodLike[] = [];
  let recheckAt: number | undefined;
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    const at = old[p.metadata.name ?? ''];
    if (at === undefined) continue;
    const expected = parse(at) + DELETION_TIMEOUT_MS;
    if (expected < now) {
      notDeleted.push(p);
      continue;
    }
    if (recheckAt === undefined || expected < recheckAt) recheckAt = expected;
    map[p.metadata.name ?? ''] = at;
  }
  return { map, recheckAt, notDeleted };
}

/** apimeta.SetStatusCondition: the transition time moves only when the status changes. */
export function setCondition(conditions: readonly Condition[] | undefined, c: Omit<Condition, 'lastTransitionTime'>, now: string): Condition[] {
  const out = (conditions ?? []).map((x) => ({ ...x }));
  const cur = out.find((x) => x.type === c.type);
  if (!cur) return [...out, { ...c, lastTransitionTime: now }];
  if (cur.status !== c.status) cur.lastTransitionTime = now;
  Object.assign(cur, c);
  return out;
}

/** The DisruptionAllowed condition for the status's disruptionsAllowed. */
export function withDisruptionAllowed(status: PdbStatus, now: string): Condition[] {
  const allowed = status.disruptionsAllowed > 0;
  return setCondition(status.conditions, {
    type: 'DisruptionAllowed', status: allowed ? 'True' : 'False', reason: allowed ? 'SufficientPods' : 'InsufficientPods',
    message: '', observedGeneration: status.observedGeneration,
  }, now);
}

function conditionsUpToDate(pdb: PodDisruptionBudget): boolean {
  const st = pdb.status;
  const c = st?.conditions?.find((x) => x.type === 'DisruptionAllowed');
  if (!c || st?.observedGeneration !== pdb.metadata.generation) return false;
  return (st?.disruptionsAllowed ?? 0) > 0 ? c.status === 'True' && c.reason === 'SufficientPods' : c.status === 'False' && c.reason === 'InsufficientPods';
}

/** The new status, or undefined when the stored one is already right. */
export function nextStatus(
  pdb: PodDisruptionBudget, counts: { currentHealthy: number; desiredHealthy: number; expectedPods: number; disruptedPods: Record<string, string> }, now: string,
): PdbStatus | undefined {
  let allowed = counts.currentHealthy - counts.desiredHealthy;
  if (counts.expectedPods <= 0 || allowed <= 0) allowed = 0;
  const st = pdb.status ?? {};
  const sameMap = JSON.stringify(sortKeys(st.disruptedPods ?? {})) === JSON.stringify(sortKeys(counts.disruptedPods));
  if ((st.currentHealthy ?? 0) === counts.currentHealthy && (st.desiredHealthy ?? 0) === counts.desiredHealthy
    && (st.expectedPods ?? 0) === counts.expectedPods && (st.disruptionsAllowed ?? 0) === allowed && sameMap
    && st.observedGeneration === pdb.metadata.generation && conditionsUpToDate(pdb)) return undefined;
  const next: PdbStatus = {
    observedGeneration: pdb.metadata.generation,
    disruptionsAllowed: allowed,
    currentHealthy: counts.currentHealthy,
    desiredHealthy: counts.desiredHealthy,
    expectedPods: counts.expectedPods,
    conditions: st.conditions,
  };
  if (Object.keys(counts.disruptedPods).length) next.disruptedPods = counts.disruptedPods;
  next.conditions = withDisruptionAllowed(next, now);
  return next;
}

function sortKeys(m: Record<string, string>): Array<[string, string]> {
  return Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
