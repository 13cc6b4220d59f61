/**
 * FitError: why a pod fits no node, worded as kube-scheduler words the PodScheduled condition and
 * the FailedScheduling event: "0/3 nodes are available: <PreFilter message>. <reason counts>.
 * <PostFilter message>" — reasons counted over nodes, formatted "<count> <reason>" and sorted as
 * strings.
 */
import { NodeToStatus } from './status.js';
import type { PodView } from './types.js';

/** kube-scheduler's message when the cluster has no nodes at all. */
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

export interface Diagnosis {
  nodeToStatus: NodeToStatus;
  /** Plugins that rejected the pod (Unschedulable or UnschedulableAndUnresolvable). */
  unschedulablePlugins: Set<string>;
  preFilterMsg: string;
  postFilterMsg: string;
}

export function newDiagnosis(): Diagnosis {
  return { nodeToStatus: new NodeToStatus(), unschedulablePlugins: new Set(), preFilterMsg: '', postFilterMsg: '' };
}

/** The reason histogram of a diagnosis over numAllNodes: "2 Insufficient cpu", sorted. */
export function reasonHistogram(d: Diagnosis, numAllNodes: number): string[] {
  const counts = new Map<string, number>();
  for (const [, s] of d.nodeToStatus.entries()) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const absent = numAllNodes - d.nodeToStatus.size;
  if (absent > 0) for (const r of d.nodeToStatus.absent.reasons) counts.set(r, (counts.get(r) ?? 0) + absent);
  const out: string[] = [];
  for (const [r, n] of counts) out.push(`${n} ${r}`);
  return out.sort(byteOrder);
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function formatFitError(numAllNodes: number, d: Diagnosis): string {
  if (numAllNodes === 0 && !d.preFilterMsg) return NO_NODES_AVAILABLE;
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg) {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const reasons = reasonHistogram(d, numAllNodes);
    if (reasons.length > 0) msg += ` ${reasons.join(', ')}.`;
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`;
  return msg;
}

export class FitError extends Error {
  override readonly name = 'FitError';
  constructor(readonly pod: PodView, readonly numAllNodes: number, readonly diagnosis: Diagnosis) {
    super(formatFitError(numAllNodes, diagnosis));
  }
}
