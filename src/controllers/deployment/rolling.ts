/**
 * RollingUpdate arithmetic for the old ReplicaSets: how far each may be scaled down without the
 * Deployment's available pods falling under replicas - maxUnavailable. Unhealthy old pods go
 * first, then the oldest sets shrink by what availability allows.
 *
 * A ReplicaSet's availableReplicas is read as at most its spec.replicas: just after a scale-down
 * the status still counts pods that are being deleted, and trusting it would let the next pass
 * remove more pods than maxUnavailable permits.
 */
import type { ReplicaSet } from '../replicaset/index.js';
import { maxUnavailable, specReplicas, sum, type Deployment } from './util.js';

/** Available pods a ReplicaSet can be counted on for. */
export function dependableAvailable(rs: ReplicaSet): number {
  return Math.max(0, Math.min(rs.status?.availableReplicas ?? 0, specReplicas(rs)));
}

/** The replicas each old ReplicaSet (by uid) should have after this pass. */
export function oldScaleDown(d: Deployment, newRS: ReplicaSet, olds: ReplicaSet[]): Map<string, number> {
  const after = new Map<string, number>(olds.map((rs) => [rs.metadata.uid ?? '', specReplicas(rs)]));
  if (!sum(olds, specReplicas)) return after;
  const all = [...olds, newRS];
  const minAvailable = (d.spec?.replicas ?? 1) - maxUnavailable(d);
  const newUnavailable = specReplicas(newRS) - dependableAvailable(newRS);
  let budget = sum(all, specReplicas) - minAvailable - newUnavailable;
  if (budget <= 0) return after;
  const oldest = [...olds].sort((a, b) => Date.parse(a.metadata.creationTimestamp ?? '') - Date.parse(b.metadata.creationTimestamp ?? ''));
  for (const rs of oldest) {
    if (budget <= 0) break;
    const unhealthy = specReplicas(rs) - dependableAvailable(rs);
    const down = Math.min(budget, unhealthy);
    if (down > 0) { after.set(rs.metadata.uid ?? '', specReplicas(rs) - down); budget -= down; }
  }
  let available = sum(all, dependableAvailable);
  for (const rs of oldest) {
    const cur = after.get(rs.metadata.uid ?? '') ?? 0;
    const can = Math.min(cur, available - minAvailable);
    if (can > 0) { after.set(rs.metadata.uid ?? '', cur - can); available -= can; }
  }
  return after;
}
