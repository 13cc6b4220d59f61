/**
 * TriggerTimeTracker: the value of the endpoints.kubernetes.io/last-change-trigger-time annotation,
 * as Kubernetes computes it. A pod's trigger time is the last transition of its Ready condition; the
 * service's is its creation. The first sync of a service reports the service's creation; later syncs
 * report the earliest trigger time that moved since the previous sync of that service, or nothing.
 */
import type { Pod, Service } from './types.js';

interface State { pods: Map<string, number>; service: number }

function parseTime(s: string | null | undefined): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

export function podTriggerTime(pod: Pod): number | undefined {
  const c = (pod.status?.conditions ?? []).find((x) => x.type === 'Ready');
  return parseTime(c?.lastTransitionTime);
}

/** Go's RFC3339Nano in UTC: fractional seconds only when non-zero, trailing zeros dropped. */
export function formatTriggerTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d*?)0*Z$/, (_m, frac: string) => (frac ? `.${frac}Z` : 'Z'));
}

export class TriggerTimeTracker {
  private readonly states = new Map<string, State>();

  /** The trigger time for this sync of the service (ms since the epoch), or undefined for none. */
  compute(key: string, svc: Service, pods: Pod[]): number | undefined {
    const prev = this.states.get(key);
    let min: number | undefined;
    const seen = new Map<string, number>();
    for (const p of pods) {
      const t = podTriggerTime(p);
      if (t === undefined) continue;
      const name = p.metadata.name ?? '';
      seen.set(name, t);
      const before = prev?.pods.get(name);
      if (before === undefined || t > before) min = min === undefined ? t : Math.min(min, t);
    }
    const created = parseTime(svc.metadata.creationTimestamp) ?? 0;
    if (prev === undefined || created > prev.service) min = min === undefined ? created : Math.min(min, created);
    this.states.set(key, { pods: seen, service: created });
    if (prev === undefined) return parseTime(svc.metadata.creationTimestamp);
    return min;
  }

  delete(key: string): void {
    this.states.delete(key);
  }
}
