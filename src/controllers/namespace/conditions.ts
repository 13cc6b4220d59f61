/**
 * The deletion conditions the namespace controller keeps on a Terminating namespace, with
 * Kubernetes' types, reasons and messages: each of the five is True with what went wrong, or False
 * with its "all is well" reason. lastTransitionTime moves only when a condition's status changes.
 */
import { rfc3339 } from '../runtime/index.js';

export interface NamespaceCondition {
  type: string;
  status: 'True' | 'False';
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

const OK: Array<[type: string, reason: string, message: string]> = [
  ['NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered'],
  ['NamespaceDeletionGroupVersionParsingFailure', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  ['NamespaceDeletionContentFailure', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  ['NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'],
  ['NamespaceFinalizersRemaining', 'ContentRemoved', 'All content successfully removed'],
];

/** What one pass over the namespace found. */
export interface DeletionReport {
  discoveryFailures: string[];
  deleteFailures: string[];
  /** "pods." / "deployments.apps" → instances still present. */
  remaining: Map<string, number>;
  /** finalizer → instances still carrying it. */
  finalizers: Map<string, number>;
}

/** The failing conditions a report calls for. */
export function failingConditions(r: DeletionReport): Map<string, { reason: string; message: string }> {
  const out = new Map<string, { reason: string; message: string }>();
  if (r.discoveryFailures.length) {
    out.set('NamespaceDeletionDiscoveryFailure', {
      reason: 'DiscoveryFailed',
      message: `Discovery failed for some groups, ${r.discoveryFailures.length} failing: ${r.discoveryFailures.join(', ')}`,
    });
  }
  if (r.deleteFailures.length) {
    const msgs = [...r.deleteFailures].sort();
    out.set('NamespaceDeletionContentFailure', {
      reason: 'ContentDeletionFailed',
      message: `Failed to delete all resource types, ${msgs.length} remaining: ${msgs.join(', ')}`,
    });
  }
  const remaining = [...r.remaining].filter(([, n]) => n > 0).map(([gr, n]) => `${gr} has ${n} resource instances`).sort();
  if (remaining.length) {
    out.set('NamespaceContentRemaining', { reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${remaining.join(', ')}` });
  }
  const fin = [...r.finalizers].filter(([, n]) => n > 0).map(([f, n]) => `${f} in ${n} resource instances`).sort();
  if (fin.length) {
    out.set('NamespaceFinalizersRemaining', {
      reason: 'SomeFinalizersRemain', message: `Some content in the namespace has finalizers remaining: ${fin.join(', ')}`,
    });
  }
  return out;
}

/** The namespace's conditions after this report, and whether anything changed. */
export function updateConditions(current: NamespaceCondition[], r: DeletionReport, now = new Date()): { conditions: NamespaceCondition[]; changed: boolean } {
  const failing = failingConditions(r);
  const conditions = current.map((c) => ({ ...c }));
  let changed = false;
  for (const [type, okReason, okMessage] of OK) {
    const f = failing.get(type);
    const want: NamespaceCondition = f
      ? { type, status: 'True', reason: f.reason, message: f.message }
      : { type, status: 'False', reason: okReason, message: okMessage };
    const old = conditions.find((c) => c.type === type);
    if (!old) {
      conditions.push({ type, status: want.status, lastTransitionTime: rfc3339(now), reason: want.reason, message: want.message });
      changed = true;
    } else if (old.status !== want.status || old.reason !== want.reason || old.message !== want.message) {
      if (old.status !== want.status) old.lastTransitionTime = rfc3339(now);
      old.status = want.status;
      old.reason = want.reason;
      old.message = want.message;
      changed = true;
    }
  }
  return { conditions, changed };
}
