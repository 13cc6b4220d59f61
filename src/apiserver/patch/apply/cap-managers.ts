/**
 * At most ten Update managers are kept: beyond that, the oldest are folded, per API version, into
 * one "ancient-changes" manager, as Kubernetes does so that managedFields cannot grow without bound.
 */
import { managerId, type Managed } from './managed-fields.js';
import { compareStrings } from './values.js';

export const MAX_UPDATE_MANAGERS = 10;
const ANCIENT = 'ancient-changes';

function seconds(t: string | undefined): number {
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

export function capUpdateManagers(m: Managed, max = MAX_UPDATE_MANAGERS): void {
  const updaters = [...m.fields.entries()].filter(([, vs]) => !vs.applied).map(([id]) => id);
  if (updaters.length <= max) return;
  updaters.sort((a, b) => {
    const d = seconds(m.times.get(a)) - seconds(m.times.get(b));
    return d !== 0 ? d : compareStrings(a, b);
  });
  const firstOfVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > max; i++) {
    const id = updaters[i];
    const vs = m.fields.get(id);
    if (!vs) continue;
    const bucket = managerId({ manager: ANCIENT, operation: 'Update', apiVersion: vs.apiVersion });
    const first = firstOfVersion.get(vs.apiVersion);
    if (first === undefined) {
      firstOfVersion.set(vs.apiVersion, id);
      continue;
    }
    if (!m.fields.has(bucket)) {
      const firstSet = m.fields.get(first);
      if (firstSet) m.fields.set(bucket, firstSet);
      m.fields.delete(first);
    }
    const b = m.fields.get(bucket);
    m.fields.set(bucket, { set: b ? vs.set.union(b.set) : vs.set, apiVersion: vs.apiVersion, applied: false });
    m.fields.delete(id);
    length--;
    m.times.set(bucket, m.times.get(id));
  }
}
