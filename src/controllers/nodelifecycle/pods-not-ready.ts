/**
 * MarkPodsNotReady: when a node stops being Ready, the pods bound to it can no longer be trusted to
 * serve, and nobody on the node will say so — the controller sets each one's Ready condition to
 * False (moving its lastTransitionTime) and records the Warning event NodeNotReady "Node is not
 * ready" on it, so Services stop sending it traffic.
 */
import { isNotFound, type Clientset } from '../../client/index.js';
import type { EventRecorder } from '../runtime/index.js';
import { PODS, timeString, type Pod } from './types.js';

/** Marks the pods (those bound to nodeName) not ready; rejects with the first failure after trying all. */
export async function markPodsNotReady(cs: Clientset, recorder: EventRecorder, pods: readonly Pod[], nodeName: string, now: number): Promise<void> {
  const failures: Error[] = [];
  for (const p of pods) {
    if (p.spec?.nodeName !== nodeName) continue;
    const ready = p.status?.conditions?.find((c) => c.type === 'Ready');
    if (!ready || ready.status === 'False') continue;
    const pod: Pod = structuredClone(p);
    const conditions = pod.status?.conditions ?? [];
    const i = conditions.findIndex((c) => c.type === 'Ready');
    conditions[i] = { ...conditions[i], status: 'False', lastTransitionTime: timeString(now) };
    try {
      await cs.resource<Pod>(PODS).namespace(pod.metadata.namespace ?? '').updateStatus(pod);
    } catch (err) {
      if (isNotFound(err)) continue;
      failures.push(err as Error);
    }
    recorder.event(p, 'Warning', 'NodeNotReady', 'Node is not ready');
  }
  if (failures.length) throw new Error(`Cannot mark ${failures.length} pod(s) on node ${nodeName} not ready: ${failures[0].message}`);
}
