/**
 * PodTopologySpread's constraints as the plugin works with them: the pod's own constraints of one
 * whenUnsatisfiable kind (matchLabelKeys merged into the selector), or — for pods without any —
 * the cluster defaults with the selector of the Services and controllers the pod belongs to.
 */
import type { Cycle } from '../../framework.js';
import { compileLabelSelector, labelKeyRequirements, type Labels, type Selector } from '../../labels.js';
import type { NodeInfo } from '../../node-info.js';
import type { PodInfo } from '../../pod-info.js';
import type { TopologySpreadConstraintView } from '../../types.js';
import { untoleratedScheduleTaint } from '../taint-toleration/tolerations.js';

export const POD_TOPOLOGY_SPREAD = 'PodTopologySpread';
export const LABEL_HOSTNAME = 'kubernetes.io/hostname';

/** Kubernetes' built-in defaults (defaultingType: System): soft spreading over hosts and zones. */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraintView[] = Object.freeze([
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
]);

export type Action = 'DoNotSchedule' | 'ScheduleAnyway';

export interface Constraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly selector: Selector;
  readonly minDomains: number;
  readonly honorNodeAffinity: boolean;
  readonly honorNodeTaints: boolean;
}

export interface SpreadOptions {
  /** Cluster default constraints (defaultingType List); the System defaults when omitted. */
  defaultConstraints?: readonly TopologySpreadConstraintView[];
}

function compile(list: readonly TopologySpreadConstraintView[], labels: Labels, action: Action): Constraint[] {
  const out: Constraint[] = [];
  for (const c of list) {
    if ((c.whenUnsatisfiable ?? 'DoNotSchedule') !== action) continue;
    out.push({
      maxSkew: c.maxSkew ?? 1,
      topologyKey: c.topologyKey ?? '',
      selector: compileLabelSelector(c.labelSelector).and(labelKeyRequirements(c.matchLabelKeys, labels, 'In')),
      minDomains: c.minDomains ?? 1,
      honorNodeAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
      honorNodeTaints: (c.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
    });
  }
  return out;
}

/** The constraints to apply for `action`, and whether they came from the System defaults. */
export function constraintsFor(c: Cycle, action: Action, options: SpreadOptions): { constraints: Constraint[]; systemDefaulted: boolean } {
  const pod = c.pod;
  const own = pod.pod.spec?.topologySpreadConstraints;
  const systemDefaulted = !options.defaultConstraints;
  if (own && own.length > 0) return { constraints: compile(own, pod.labels, action), systemDefaulted };
  const defaults = compile(options.defaultConstraints ?? SYSTEM_DEFAULT_CONSTRAINTS, pod.labels, action);
  if (defaults.length === 0) return { constraints: [], systemDefaulted };
  const selector = c.snapshot.defaultSelector(pod);
  if (selector.empty || selector.nothing) return { constraints: [], systemDefaulted };
  return { constraints: defaults.map((d) => ({ ...d, selector })), systemDefaulted };
}

export function nodeHasAllKeys(labels: Labels, constraints: readonly Constraint[]): boolean {
  for (const c of constraints) if (labels[c.topologyKey] === undefined) return false;
  return true;
}

/** nodeAffinityPolicy / nodeTaintsPolicy: does this node count towards the constraint? */
export function includesNode(c: Constraint, pod: PodInfo, node: NodeInfo): boolean {
  if (c.honorNodeAffinity && !pod.requiredNodeAffinity.isEmpty && !pod.requiredNodeAffinity.matches(node.name, node.labels)) return false;
  if (c.honorNodeTaints && node.taints.length > 0 && untoleratedScheduleTaint(node.taints, pod.pod.spec?.tolerations)) return false;
  return true;
}

/** Existing pods a constraint counts: same namespace, not terminating, selected (an empty selector counts none). */
export function countsPod(c: Constraint, pod: PodInfo, p: PodInfo): boolean {
  return !c.selector.empty && p.namespace === pod.namespace && !p.terminating && c.selector.matches(p.labels);
}
