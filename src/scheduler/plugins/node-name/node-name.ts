/** NodeName: a pod that names its node (spec.nodeName) fits that node only. */
import type { Cycle, FilterPlugin } from '../../framework.js';
import type { NodeInfo } from '../../node-info.js';
import type { Status } from '../../status.js';

export const NODE_NAME = 'NodeName';
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

const REJECTED: Status = Object.freeze({ code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_NODE_NAME], plugin: NODE_NAME });

export const nodeName: FilterPlugin = {
  name: NODE_NAME,
  filter(c: Cycle, node: NodeInfo): Status | null {
    const wanted = c.pod.pod.spec?.nodeName;
    return !wanted || wanted === node.name ? null : REJECTED;
  },
};
