/**
 * Deployment arithmetic as Kubernetes does it: maxSurge/maxUnavailable from ints or percentages,
 * revisions, template equality ignoring the pod-template-hash label, and replica sums.
 */
import type { KObject } from '../../api/index.js';
import type { ReplicaSet } from '../replicaset/index.js';
import type { LabelSelector } from '../replicaset/selector.js';
import { canonicalJson } from './hash.js';

export const HASH_LABEL = 'pod-template-hash';
export const REVISION = 'deployment.kubernetes.io/revision';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';

export interface Condition { type: string; status: string; lastUpdateTime?: string; lastTransitionTime?: string; reason?: string; message?: string }

export interface Deployment extends KObject {
  spec?: {
    replicas?: number; selector?: LabelSelector; paused?: boolean; minReadySeconds?: number;
    revisionHistoryLimit?: number; progressDeadlineSeconds?: number;
    template?: { metadata?: KObject['metadata']; spec?: unknown };
    strategy?: { type?: string; rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string } };
  };
  status?: {
    observedGeneration?: number; replicas?: number; updatedReplicas?: number; readyReplicas?: number; availableReplicas?: number;
    unavailableReplicas?: number; collisionCount?: number; conditions?: Condition[];
  };
}

/** An int or "N%" of total, rounded up or down. */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean, dflt: string): number {
  const x = v ?? dflt;
  if (typeof x === 'number') return x;
  const m = /^(\d+)%$/.exec(x);
  if (!m) return Number.parseInt(x, 10) || 0;
  const f = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(f) : Math.floor(f);
}

export function maxSurge(d: Deployment): number {
  if (d.spec?.strategy?.type === 'Recreate') return 0;
  return scaledValue(d.spec?.strategy?.rollingUpdate?.maxSurge, d.spec?.replicas ?? 1, true, '25%');
}

export function maxUnavailable(d: Deployment): number {
  if (d.spec?.strategy?.type === 'Recreate') return 0;
  const replicas = d.spec?.replicas ?? 1;
  let mu = scaledValue(d.spec?.strategy?.rollingUpdate?.maxUnavailable, replicas, false, '25%');
  if (mu === 0 && maxSurge(d) === 0) mu = 1;
  return Math.min(mu, replicas);
}

export function revisionOf(o: KObject): number {
  const n = Number.parseInt(o.metadata.annotations?.[REVISION] ?? '', 10);
  return Number.isNaN(n) ? 0 : n;
}

/** The template with the pod-template-hash label taken out, canonicalised. */
function withoutHash(t: unknown): string {
  const c = structuredClone(t ?? {}) as { metadata?: { labels?: Record<string, string> } };
  if (c.metadata?.labels) {
    delete c.metadata.labels[HASH_LABEL];
    if (!Object.keys(c.metadata.labels).length) delete c.metadata.labels;
  }
  if (c.metadata && !Object.keys(c.metadata).length) delete c.metadata;
  return canonicalJson(c);
}

export function sameTemplate(a: unknown, b: unknown): boolean {
  return withoutHash(a) === withoutHash(b);
}

export const specReplicas = (rs: ReplicaSet): number => rs.spec?.replicas ?? 0;
export const sum = (rss: ReplicaSet[], f: (rs: ReplicaSet) => number): number => rss.reduce((n, rs) => n + f(rs), 0);
