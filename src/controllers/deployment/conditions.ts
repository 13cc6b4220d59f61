/**
 * The Deployment's status: counts summed over its ReplicaSets, and the Available and Progressing
 * conditions with Kubernetes' reasons and messages (NewReplicaSetCreated, FoundNewReplicaSet,
 * ReplicaSetUpdated, NewReplicaSetAvailable, ProgressDeadlineExceeded, MinimumReplicasAvailable,
 * MinimumReplicasUnavailable, DeploymentPaused/DeploymentResumed).
 */
import { rfc3339 } from '../runtime/index.js';
import type { ReplicaSet } from '../replicaset/index.js';
import { maxUnavailable, specReplicas, sum, type Condition, type Deployment } from './util.js';

type Status = NonNullable<Deployment['status']>;

export function setCondition(conds: Condition[], c: Omit<Condition, 'lastUpdateTime' | 'lastTransitionTime'>, now: Date): Condition[] {
  const old = conds.find((x) => x.type === c.type);
  if (old && old.status === c.status && old.reason === c.reason) {
    if (old.message === c.message) return conds;
    return conds.map((x) => (x === old ? { ...old, message: c.message, lastUpdateTime: rfc3339(now) } : x));
  }
  const ts = rfc3339(now);
  const next: Condition = { type: c.type, status: c.status, lastUpdateTime: ts, lastTransitionTime: old && old.status === c.status ? old.lastTransitionTime : ts, reason: c.reason, message: c.message };
  return old ? conds.map((x) => (x === old ? next : x)) : [...conds, next];
}

/** The status the Deployment should have now. */
export function computeStatus(d: Deployment, newRS: ReplicaSet | undefined, all: ReplicaSet[], now: Date): Status {
  const replicas = d.spec?.replicas ?? 1;
  const available = sum(all, (rs) => rs.status?.availableReplicas ?? 0);
  const status: Status = {
    observedGeneration: d.metadata.generation,
    replicas: sum(all, (rs) => rs.status?.replicas ?? 0),
    updatedReplicas: newRS?.status?.replicas ?? 0,
    readyReplicas: sum(all, (rs) => rs.status?.readyReplicas ?? 0),
    availableReplicas: available,
    unavailableReplicas: Math.max(sum(all, specReplicas) - available, 0),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  let conds = d.status?.conditions ?? [];
  conds = available >= replicas - maxUnavailable(d)
    ? setCondition(conds, { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }, now)
    : setCondition(conds, { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' }, now);
  if (d.spec?.progressDeadlineSeconds !== undefined && d.spec.progressDeadlineSeconds !== null && newRS) {
    conds = progressing(d, newRS, status, conds, now);
  }
  for (const k of Object.keys(status) as Array<keyof Status>) if (status[k] === 0 && k !== 'replicas' && k !== 'observedGeneration') delete status[k];
  status.conditions = conds;
  return status;
}

function progressing(d: Deployment, newRS: ReplicaSet, s: Status, conds: Condition[], now: Date): Condition[] {
  const name = newRS.metadata.name ?? '';
  const replicas = d.spec?.replicas ?? 1;
  const cur = conds.find((c) => c.type === 'Progressing');
  if (d.spec?.paused) {
    if (cur?.reason === 'DeploymentPaused') return conds;
    return setCondition(conds, { type: 'Progressing', status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' }, now);
  }
  if (cur?.reason === 'DeploymentPaused') {
    conds = setCondition(conds, { type: 'Progressing', status: 'Unknown', reason: 'DeploymentResumed', message: 'Deployment is resumed' }, now);
  }
  const complete = s.updatedReplicas === replicas && s.replicas === replicas && s.availableReplicas === replicas && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
  if (complete) {
    return setCondition(conds, { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${name}" has successfully progressed.` }, now);
  }
  const old = d.status ?? {};
  // Zero counts are left out of the stored status: compare them as 0.
  const n = (v: number | undefined): number => v ?? 0;
  const moved = n(s.updatedReplicas) !== n(old.updatedReplicas) || n(s.replicas) !== n(old.replicas)
    || n(s.readyReplicas) !== n(old.readyReplicas) || n(s.availableReplicas) !== n(old.availableReplicas);
  if (moved) {
    const c = conds.find((x) => x.type === 'Progressing');
    // A fresh "created"/"found" condition keeps its reason; progress afterwards says ReplicaSetUpdated.
    if (c && (c.reason === 'NewReplicaSetCreated' || c.reason === 'FoundNewReplicaSet') && c.message?.includes(`"${name}"`) && c.lastUpdateTime === rfc3339(now)) return conds;
    return forceUpdate(conds, { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${name}" is progressing.` }, now);
  }
  const c = conds.find((x) => x.type === 'Progressing');
  if (c && c.reason !== 'NewReplicaSetAvailable' && c.lastUpdateTime) {
    const deadline = Date.parse(c.lastUpdateTime) + (d.spec?.progressDeadlineSeconds ?? 600) * 1000;
    if (now.getTime() > deadline) {
      return setCondition(conds, { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${name}" has timed out progressing.` }, now);
    }
  }
  return conds;
}

/** Sets the condition and moves lastUpdateTime even when nothing else changed (progress was made). */
function forceUpdate(conds: Condition[], c: Omit<Condition, 'lastUpdateTime' | 'lastTransitionTime'>, now: Date): Condition[] {
  const next = setCondition(conds, c, now);
  return next.map((x) => (x.type === c.type ? { ...x, lastUpdateTime: rfc3339(now) } : x));
}
