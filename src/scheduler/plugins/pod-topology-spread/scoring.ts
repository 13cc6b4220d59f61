/**
 * PodTopologySpread's score (ScheduleAnyway constraints and the cluster defaults): a node scores
 * the matching pods in its domains, each constraint weighted by log(domains + 2), plus maxSkew - 1;
 * fewer is better, so NormalizeScore maps the lowest to 100. Nodes missing a constraint's label
 * (when constraints are the pod's own) score 0.
 */
import { type Cycle, MAX_NODE_SCORE, type StateData } from '../../framework.js';
import type { NodeInfo } from '../../node-info.js';
import { SKIP, type Status } from '../../status.js';
import { type Constraint, constraintsFor, countsPod, includesNode, LABEL_HOSTNAME, nodeHasAllKeys, type SpreadOptions } from './common.js';

const SCORE_KEY = 'PreScorePodTopologySpread';

class ScoreState implements StateData {
  constructor(
    readonly constraints: readonly Constraint[],
    readonly ignoredNodes: ReadonlySet<string>,
    /** Per constraint: domain value → matching pods (hostname constraints: node name → pods). */
    readonly podCounts: Array<Map<string, number>>,
    readonly weights: readonly number[],
  ) {}
  clone(): StateData { return this; }
}

export function preScore(c: Cycle, filtered: readonly NodeInfo[], options: SpreadOptions): Status | null {
  const pod = c.pod;
  const { constraints, systemDefaulted } = constraintsFor(c, 'ScheduleAnyway', options);
  if (constraints.length === 0) return SKIP;
  const requireAll = (pod.pod.spec?.topologySpreadConstraints?.length ?? 0) > 0 || !systemDefaulted;
  const ignored = new Set<string>();
  const podCounts = constraints.map(() => new Map<string, number>());
  const sizes = constraints.map(() => 0);
  for (const node of filtered) {
    if (requireAll && !nodeHasAllKeys(node.labels, constraints)) { ignored.add(node.name); continue; }
    for (let i = 0; i < constraints.length; i++) {
      if (constraints[i].topologyKey === LABEL_HOSTNAME) continue;
      const v = node.labels[constraints[i].topologyKey] ?? '';
      if (!podCounts[i].has(v)) { podCounts[i].set(v, 0); sizes[i]++; }
    }
  }
  const weights = constraints.map((con, i) => Math.log((con.topologyKey === LABEL_HOSTNAME ? filtered.length - ignored.size : sizes[i]) + 2));
  for (let i = 0; i < constraints.length; i++) {
    const con = constraints[i];
    const hostname = con.topologyKey === LABEL_HOSTNAME;
    for (const p of c.snapshot.podIndex.candidates(con.selector)) {
      if (!countsPod(con, pod, p)) continue;
      if (hostname) { podCounts[i].set(p.nodeName, (podCounts[i].get(p.nodeName) ?? 0) + 1); continue; }
      const node = c.snapshot.nodeOf(p);
      if (!node || (requireAll && !nodeHasAllKeys(node.labels, constraints)) || !includesNode(con, pod, node)) continue;
      const v = node.labels[con.topologyKey] ?? '';
      const n = podCounts[i].get(v);
      if (n !== undefined) podCounts[i].set(v, n + 1);
    }
  }
  c.state.write(SCORE_KEY, new ScoreState(constraints, ignored, podCounts, weights));
  return null;
}

export function score(c: Cycle, node: NodeInfo): number {
  const st = c.state.read<ScoreState>(SCORE_KEY);
  if (!st || st.ignoredNodes.has(node.name)) return 0;
  let s = 0;
  for (let i = 0; i < st.constraints.length; i++) {
    const con = st.constraints[i];
    const v = node.labels[con.topologyKey];
    if (v === undefined) continue;
    const cnt = st.podCounts[i].get(con.topologyKey === LABEL_HOSTNAME ? node.name : v) ?? 0;
    s += cnt * st.weights[i] + (con.maxSkew - 1);
  }
  return Math.round(s);
}

export function normalizeScore(c: Cycle, nodes: readonly NodeInfo[], scores: number[]): void {
  const st = c.state.read<ScoreState>(SCORE_KEY);
  if (!st) return;
  let min = Infinity;
  let max = 0;
  for (let i = 0; i < nodes.length; i++) {
    if (st.ignoredNodes.has(nodes[i].name)) continue;
    if (scores[i] < min) min = scores[i];
    if (scores[i] > max) max = scores[i];
  }
  for (let i = 0; i < nodes.length; i++) {
    if (st.ignoredNodes.has(nodes[i].name)) scores[i] = 0;
    else if (max === 0) scores[i] = MAX_NODE_SCORE;
    else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i])) / max);
  }
}
