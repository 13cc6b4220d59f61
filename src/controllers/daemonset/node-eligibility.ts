/**
 * NodeShouldRunDaemonPod: whether a DaemonSet wants a pod on a node. The daemon pod (template plus
 * daemon tolerations) must fit the node's name (template nodeName), its labels (nodeSelector and
 * required node affinity) and tolerate its NoSchedule and NoExecute taints. A node whose only
 * untolerated taints are NoSchedule keeps a pod that is already there (shouldContinueRunning).
 */
import { RequiredNodeAffinity, tolerationsTolerate, type TaintView, type TolerationView } from '../../scheduler/index.js';
import { addDaemonTolerations } from './daemon-pods.js';
import type { DaemonPodSpec, DaemonSet, Node } from './types.js';

export interface NodeVerdict {
  /** The node should run a daemon pod when it has none. */
  shouldRun: boolean;
  /** A daemon pod already on the node may stay. */
  shouldContinueRunning: boolean;
}

function untolerated(taints: readonly TaintView[], tolerations: readonly TolerationView[], effects: readonly string[]): boolean {
  return taints.some((t) => effects.includes(t.effect) && !tolerationsTolerate(tolerations, t));
}

interface DaemonPodView { nodeName?: string; affinity: RequiredNodeAffinity; tolerations: TolerationView[] }

/** The daemon pod's placement rules, computed once per DaemonSet object (informer objects are replaced, not changed). */
const views = new WeakMap<DaemonSet, DaemonPodView>();

function viewOf(ds: DaemonSet): DaemonPodView {
  let v = views.get(ds);
  if (!v) {
    const spec = structuredClone(ds.spec?.template?.spec ?? {}) as DaemonPodSpec;
    addDaemonTolerations(spec);
    v = { nodeName: spec.nodeName, affinity: new RequiredNodeAffinity(spec), tolerations: spec.tolerations ?? [] };
    views.set(ds, v);
  }
  return v;
}

export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): NodeVerdict {
  const name = node.metadata.name ?? '';
  const v = viewOf(ds);
  if (v.nodeName && v.nodeName !== name) return { shouldRun: false, shouldContinueRunning: false };
  if (!v.affinity.matches(name, node.metadata.labels ?? {})) return { shouldRun: false, shouldContinueRunning: false };
  const taints = node.spec?.taints ?? [];
  const tolerations = v.tolerations;
  if (untolerated(taints, tolerations, ['NoSchedule', 'NoExecute'])) {
    return { shouldRun: false, shouldContinueRunning: !untolerated(taints, tolerations, ['NoExecute']) };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}
