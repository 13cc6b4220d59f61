/**
 * The scheduling cycle of one pod over a snapshot (kube-scheduler's schedulePod): PreFilter, then
 * Filter over the nodes from the round-robin start until enough feasible nodes are found
 * (percentageOfNodesToScore), then PreScore/Score/NormalizeScore over those, and the best total
 * wins, ties broken at random. When no node fits, PostFilter (preemption) runs and the result is
 * a FitError carrying the PodScheduled message, with the node and victims preemption chose.
 */
import { FitError, newDiagnosis, type Diagnosis } from './fit-error.js';
import { Cycle, CycleState, type Profile } from './framework.js';
import type { NodeInfo } from './node-info.js';
import { PodInfo } from './pod-info.js';
import { runFilterWithNominatedPods, runPreFilter } from './run-plugins.js';
import type { Snapshot } from './snapshot.js';
import { isRejected, message, type Status, unresolvable } from './status.js';
import type { PodView } from './types.js';

/** Below this many nodes every node is filtered; the sample never drops under it either. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

export type ScheduleResult =
  | { node: string; evaluatedNodes: number; feasibleNodes: number }
  | { failure: FitError; nominatedNodeName?: string; victims?: readonly PodInfo[] }
  | { error: string };

/** How many feasible nodes to look for among numAllNodes (numFeasibleNodesToFind). */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * percentage) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

export function schedulePod(pod: PodView, snapshot: Snapshot, profile: Profile): ScheduleResult {
  const numAllNodes = snapshot.numNodes;
  if (numAllNodes === 0) return { failure: new FitError(pod, 0, newDiagnosis()) };
  const c = new Cycle(new PodInfo(pod), snapshot, new CycleState(), profile);
  const diagnosis = newDiagnosis();

  const pre = runPreFilter(c);
  if (pre.status) {
    if (pre.status.code === 'Error') return { error: message(pre.status) };
    diagnosis.nodeToStatus.absent = pre.status;
    diagnosis.preFilterMsg = message(pre.status);
    diagnosis.unschedulablePlugins = pre.plugins;
    return fail(c, numAllNodes, diagnosis);
  }

  const nominated = pod.status?.nominatedNodeName;
  if (nominated) {
    const n = snapshot.nodeInfo(nominated);
    if (n) {
      const s = runFilterWithNominatedPods(c, n);
      if (s === null) return { node: n.name, evaluatedNodes: 1, feasibleNodes: 1 };
      if (s.code === 'Error') return { error: message(s) };
      record(diagnosis, n.name, s);
    }
  }

  let nodes = snapshot.nodes;
  if (pre.nodeNames) {
    nodes = [...pre.nodeNames].map((n) => snapshot.nodeInfo(n)).filter((n): n is NodeInfo => n !== undefined);
    diagnosis.nodeToStatus.absent = unresolvable(`node(s) didn't satisfy plugin(s) [${[...pre.plugins].sort().join(' ')}]`);
  }
  const found = findNodesThatPassFilters(c, nodes, diagnosis);
  const processed = (Array.isArray(found) ? found.length : 0) + diagnosis.nodeToStatus.size;
  profile.nextStartNodeIndex = (profile.nextStartNodeIndex + processed) % numAllNodes;
  if (!Array.isArray(found)) return { error: message(found) };
  if (found.length === 0) return fail(c, numAllNodes, diagnosis);
  if (found.length === 1) return { node: found[0].name, evaluatedNodes: 1 + diagnosis.nodeToStatus.size, feasibleNodes: 1 };

  const totals = prioritizeNodes(c, found);
  if (!Array.isArray(totals)) return { error: message(totals) };
  const best = selectHost(totals, profile.random);
  return { node: found[best].name, evaluatedNodes: found.length + diagnosis.nodeToStatus.size, feasibleNodes: found.length };
}

function record(d: Diagnosis, node: string, s: Status): void {
  d.nodeToStatus.set(node, s);
  if (isRejected(s) && s.plugin) d.unschedulablePlugins.add(s.plugin);
}

/** Filters nodes from the round-robin start until enough fit; returns them or a plugin error. */
function findNodesThatPassFilters(c: Cycle, nodes: readonly NodeInfo[], d: Diagnosis): NodeInfo[] | Status {
  const numAll = nodes.length;
  const want = numFeasibleNodesToFind(c.profile.percentageOfNodesToScore, numAll);
  const start = c.profile.nextStartNodeIndex;
  const feasible: NodeInfo[] = [];
  for (let i = 0; i < numAll && feasible.length < want; i++) {
    const node = nodes[(start + i) % numAll];
    const s = runFilterWithNominatedPods(c, node);
    if (s === null) { feasible.push(node); continue; }
    if (s.code === 'Error') return s;
    record(d, node.name, s);
  }
  return feasible;
}

/** Weighted sum of every Score plugin's normalized scores, per node. */
function prioritizeNodes(c: Cycle, nodes: readonly NodeInfo[]): number[] | Status {
  const n = nodes.length;
  for (const p of c.profile.preScore) {
    const s = p.preScore(c, nodes);
    if (!s || s.code === 'Success') continue;
    if (s.code === 'Skip') c.state.skipScore.add(p.name);
    else return { code: 'Error', reasons: [`running PreScore plugin "${p.name}": ${message(s)}`] };
  }
  const totals = new Array<number>(n).fill(0);
  let scored = false;
  const scores = new Array<number>(n);
  for (const { plugin, weight } of c.profile.score) {
    if (c.state.skipScore.has(plugin.name)) continue;
    scored = true;
    for (let i = 0; i < n; i++) scores[i] = plugin.score(c, nodes[i]);
    plugin.normalizeScore?.(c, nodes, scores);
    for (let i = 0; i < n; i++) totals[i] += scores[i] * weight;
  }
  if (!scored && c.profile.score.length === 0) totals.fill(1);
  return totals;
}

/** Index of a highest total; among equals each is equally likely (reservoir sampling). */
export function selectHost(totals: readonly number[], random: () => number): number {
  let best = 0;
  let count = 1;
  for (let i = 1; i < totals.length; i++) {
    if (totals[i] > totals[best]) {
      best = i;
      count = 1;
    } else if (totals[i] === totals[best]) {
      count++;
      if (Math.floor(random() * count) === 0) best = i;
    }
  }
  return best;
}

/** No node fits: run PostFilter (preemption) and build the FitError. */
function fail(c: Cycle, numAllNodes: number, d: Diagnosis): ScheduleResult {
  const reasons: string[] = [];
  let nominatedNodeName: string | undefined;
  for (const p of c.profile.postFilter) {
    const r = p.postFilter(c, d.nodeToStatus);
    if (r.status.code === 'Success') {
      return { failure: new FitError(c.pod.pod, numAllNodes, d), nominatedNodeName: r.nominatedNodeName, victims: r.victims };
    }
    if (r.status.code === 'Error') return { error: message(r.status) };
    if (r.nominatedNodeName !== undefined) nominatedNodeName = r.nominatedNodeName;
    reasons.push(...r.status.reasons);
    if (r.status.code === 'UnschedulableAndUnresolvable') break;
  }
  d.postFilterMsg = reasons.join(', ');
  const failure = new FitError(c.pod.pod, numAllNodes, d);
  // "" asks the caller to clear a stale status.nominatedNodeName.
  return nominatedNodeName === undefined ? { failure } : { failure, nominatedNodeName };
}
