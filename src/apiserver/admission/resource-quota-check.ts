/**
 * The heart of ResourceQuota admission (Kubernetes' CheckRequest): given a namespace's quotas and one
 * write, either the quotas as they would be if the write succeeded (status.used raised by what it
 * adds) or a refusal worded as Kubernetes words it — "failed quota: …" when a quota needs fields the
 * object lacks, "status unknown for quota: …" when the controller has not computed a usage yet, and
 * "exceeded quota: <name>, requested: …, used: …, limited: …".
 */
import type { KObject } from '../../api/index.js';
import {
  addLists, exceededNames, formatResourceList, listsEqual, mask, negativeNames, parseResourceList, prettyPrint,
  quotaMatches, removeZeros, resourceNames, subtractNonNegative,
  type QuotaEvaluator, type ResourceList, type ResourceQuota,
} from '../../controllers/resourcequota/index.js';

export interface QuotaRequest {
  operation: 'CREATE' | 'UPDATE';
  subresource?: string;
  obj: KObject;
  /** The stored object, for updates. */
  old?: KObject;
}

/** A refusal; the message is what follows `<resource> "<name>" is forbidden: `. */
export class QuotaRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuotaRefusal';
  }
}

/** Every hard name the quota tracks among these has a usage in its status. */
function hasUsageStats(q: ResourceQuota, names: readonly string[]): boolean {
  const used = q.status?.used ?? {};
  return resourceNames(q.status?.hard).every((n) => !names.includes(n) || n in used);
}

/**
 * The quotas (same order) with status.used as it would be after the write; the same array when no
 * quota changes. Throws QuotaRefusal.
 */
export function checkRequest(quotas: readonly ResourceQuota[], req: QuotaRequest, evaluator: QuotaEvaluator, now: number): readonly ResourceQuota[] {
  if (!evaluator.handles(req.operation)) return quotas;
  const interesting: number[] = [];
  quotas.forEach((q, i) => {
    if (!quotaMatches(q, evaluator, req.obj)) return;
    const restricted = evaluator.matchingResources(resourceNames(q.status?.hard));
    const problem = evaluator.constraints(restricted, req.obj);
    if (problem) throw new QuotaRefusal(`failed quota: ${q.metadata.name ?? ''}: ${problem}`);
    if (!hasUsageStats(q, restricted)) {
      throw new QuotaRefusal(`status unknown for quota: ${q.metadata.name ?? ''}, resources: ${[...restricted].sort().join(',')}`);
    }
    interesting.push(i);
  });
  if (interesting.length === 0) return quotas;

  const input = evaluator.usage(req.obj, now);
  const negative = negativeNames(input);
  if (negative.length) throw new QuotaRefusal(`quota usage is negative for resource(s): ${negative.join(',')}`);

  const deltas = new Map<number, ResourceList>(interesting.map((i) => [i, input]));
  if (req.operation === 'UPDATE') {
    if (!req.old) throw new QuotaRefusal('unable to get previous usage since prior version of object was not found');
    if (req.old.metadata.resourceVersion) {
      // An update is charged what it adds, to the quotas that already counted the old object.
      const delta = subtractNonNegative(input, evaluator.usage(req.old, now));
      for (const i of interesting) if (quotaMatches(quotas[i], evaluator, req.old)) deltas.set(i, delta);
    }
  }
  for (const [i, d] of deltas) {
    const nonZero = removeZeros(d);
    if (Object.keys(nonZero).length === 0) deltas.delete(i); else deltas.set(i, nonZero);
  }
  if (deltas.size === 0) return quotas;

  const out = quotas.map((q) => q);
  for (const [i, delta] of deltas) {
    const q = quotas[i];
    const hard = parseResourceList(q.status?.hard);
    const used = parseResourceList(q.status?.used);
    const requested = mask(delta, Object.keys(hard));
    const next = addLists(used, requested);
    if (req.subresource !== 'status') {
      const exceeded = exceededNames(mask(next, Object.keys(requested)), hard);
      if (exceeded.length) {
        throw new QuotaRefusal(`exceeded quota: ${q.metadata.name ?? ''}, requested: ${prettyPrint(mask(requested, exceeded))}, `
          + `used: ${prettyPrint(mask(used, exceeded))}, limited: ${prettyPrint(mask(hard, exceeded))}`);
      }
    }
    if (!listsEqual(used, next)) out[i] = { ...q, status: { ...q.status, used: formatResourceList(next) } };
  }
  return out;
}
