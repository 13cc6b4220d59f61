/**
 * NodeUnschedulable: cordoned nodes (spec.unschedulable) take no new pods, except pods tolerating
 * the node.kubernetes.io/unschedulable:NoSchedule taint.
 */
import type { Cycle, FilterPlugin } from '../../framework.js';
import type { NodeInfo } from '../../node-info.js';
import type { Status } from '../../status.js';
import { tolerationsTolerate } from '../taint-toleration/tolerations.js';

export const NODE_UNSCHEDULABLE = 'NodeUnschedulable';
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

const REJECTED: Status = Object.freeze({ code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_UNSCHEDULABLE], plugin: NODE_UNSCHEDULABLE });
const UNSCHEDULABLE_TAINT = Object.freeze({ key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' });

export const nodeUnschedulable: FilterPlugin = {
  name: NODE_UNSCHEDULABLE,
  filter(c: Cycle, node: NodeInfo): Status | null {
    if (!node.unschedulable) return null;
    return tolerationsTolerate(c.pod.pod.spec?.tolerations, UNSCHEDULABLE_TAINT) ? null : REJECTED;
  },
};
