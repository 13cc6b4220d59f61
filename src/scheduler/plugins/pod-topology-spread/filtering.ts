/**
 * PodTopologySpread's filter (DoNotSchedule constraints): for each constraint, the number of
 * matching pods per topology domain over the eligible nodes, counted once per cycle from the
 * label index; a node fits when placing the pod there keeps its domain within maxSkew of the
 * least-loaded domain (taken as 0 while fewer than minDomains domains exist).
 */
import type { Cycle, PreFilterResult, StateData } from '../../framework.js';
import type { NodeInfo } from '../../node-info.js';
import type { PodInfo } from '../../pod-info.js';
import { SKIP, type Status } from '../../status.js';
import { type Constraint, constraintsFor, countsPod, includesNode, nodeHasAllKeys, POD_TOPOLOGY_SPREAD, type SpreadOptions } from './common.js';

export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

const LABEL_REJECTED: Status = Object.freeze({ code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_NODE_LABEL_NOT_MATCH], plugin: POD_TOPOLOGY_SPREAD });
const SKEW_REJECTED: Status = Object.freeze({ code: 'Unschedulable', reasons: [ERR_REASON_CONSTRAINTS_NOT_MATCH], plugin: POD_TOPOLOGY_SPREAD });

const FILTER_KEY = 'PreFilterPodTopologySpread';

class FilterState implements StateData {
  constructor(readonly constraints: readonly Constraint[], readonly matchNum: Array<Map<string, number>>, readonly minMatch: number[]) {}
  clone(): FilterState {
    return new FilterState(this.constraints, this.matchNum.map((m) => new Map(m)), [...this.minMatch]);
  }
  recomputeMin(i: number): void {
    let min = Infinity;
    for (const n of this.matchNum[i].values()) if (n < min) min = n;
    this.minMatch[i] = min;
  }
}

function eligible(pod: PodInfo, node: NodeInfo, constraints: readonly Constraint[], i: number): boolean {
  return nodeHasAllKeys(node.labels, constraints) && includesNode(constraints[i], pod, node);
}

export function preFilter(c: Cycle, options: SpreadOptions): PreFilterResult | null {
  const { constraints } = constraintsFor(c, 'DoNotSchedule', options);
  if (constraints.length === 0) return { status: SKIP };
  const pod = c.pod;
  const matchNum = constraints.map(() => new Map<string, number>());
  const keys = new Set(constraints.map((k) => k.topologyKey));
  const everyNode = constraints.every((k) => (!k.honorNodeAffinity || pod.requiredNodeAffinity.isEmpty) && !k.honorNodeTaints);
  if (everyNode && keys.size === 1) {
    // Every node with the key counts: its domains are the key's values (from the snapshot's index).
    const values = c.snapshot.nodeLabelValues(constraints[0].topologyKey);
    for (const m of matchNum) for (const v of values?.keys() ?? []) m.set(v, 0);
  } else {
    for (const node of c.snapshot.nodes) {
      if (!nodeHasAllKeys(node.labels, constraints)) continue;
      for (let i = 0; i < constraints.length; i++) {
        if (!includesNode(constraints[i], pod, node)) continue;
        const v = node.labels[constraints[i].topologyKey];
        if (!matchNum[i].has(v)) matchNum[i].set(v, 0);
      }
    }
  }
  for (let i = 0; i < constraints.length; i++) {
    const con = constraints[i];
    for (const p of c.snapshot.podIndex.candidates(con.selector)) {
      if (!countsPod(con, pod, p)) continue;
      const node = c.snapshot.nodeOf(p);
      if (!node || !eligible(pod, node, constraints, i)) continue;
      const v = node.labels[con.topologyKey];
      matchNum[i].set(v, (matchNum[i].get(v) ?? 0) + 1);
    }
  }
  const st = new FilterState(constraints, matchNum, constraints.map(() => 0));
  for (let i = 0; i < constraints.length; i++) st.recomputeMin(i);
  c.state.write(FILTER_KEY, st);
  return null;
}

export function filter(c: Cycle, node: NodeInfo): Status | null {
  const st = c.state.read<FilterState>(FILTER_KEY);
  if (!st) return null;
  const cs = st.constraints;
  for (let i = 0; i < cs.length; i++) {
    const con = cs[i];
    const v = node.labels[con.topologyKey];
    if (v === undefined) return LABEL_REJECTED;
    const domains = st.matchNum[i].size;
    const min = domains === 0 || domains < con.minDomains ? 0 : st.minMatch[i];
    const self = con.selector.matches(c.pod.labels) ? 1 : 0;
    const skew = (st.matchNum[i].get(v) ?? 0) + self - min;
    if (skew > con.maxSkew) return SKEW_REJECTED;
  }
  return null;
}

function update(c: Cycle, p: PodInfo, node: NodeInfo, delta: 1 | -1): void {
  const st = c.state.read<FilterState>(FILTER_KEY);
  if (!st || p.namespace !== c.pod.namespace) return;
  for (let i = 0; i < st.constraints.length; i++) {
    const con = st.constraints[i];
    if (!con.selector.matches(p.labels) || !eligible(c.pod, node, st.constraints, i)) continue;
    const v = node.labels[con.topologyKey];
    st.matchNum[i].set(v, (st.matchNum[i].get(v) ?? 0) + delta);
    st.recomputeMin(i);
  }
}

export function addPod(c: Cycle, p: PodInfo, node: NodeInfo): void { update(c, p, node, 1); }
export function removePod(c: Cycle, p: PodInfo, node: NodeInfo): void { update(c, p, node, -1); }
