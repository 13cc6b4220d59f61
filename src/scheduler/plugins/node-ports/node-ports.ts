/**
 * NodePorts: a pod asking for host ports fits only nodes where no pod holds the same protocol and
 * port on the same address (0.0.0.0 overlapping every address).
 */
import type { Cycle, FilterPlugin, PreFilterPlugin, PreFilterResult } from '../../framework.js';
import type { NodeInfo } from '../../node-info.js';
import { SKIP, type Status } from '../../status.js';

export const NODE_PORTS = 'NodePorts';
export const ERR_REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";

const REJECTED: Status = Object.freeze({ code: 'Unschedulable', reasons: [ERR_REASON_NODE_PORTS], plugin: NODE_PORTS });

export const nodePorts: PreFilterPlugin & FilterPlugin = {
  name: NODE_PORTS,
  preFilter(c: Cycle): PreFilterResult | null {
    return c.pod.hostPorts.length === 0 ? { status: SKIP } : null;
  },
  filter(c: Cycle, node: NodeInfo): Status | null {
    for (const hp of c.pod.hostPorts) if (node.portConflict(hp)) return REJECTED;
    return null;
  },
};
