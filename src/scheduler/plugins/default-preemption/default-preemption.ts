/**
 * DefaultPreemption (PostFilter): when a pod fits nowhere, find nodes where evicting pods of lower
 * priority would make it fit, and pick the one whose eviction hurts least — fewest budget
 * violations, then the lowest highest victim priority, the smallest priority sum, the fewest
 * victims, the latest start. Pure: it returns the node and victims; the caller evicts them and
 * sets status.nominatedNodeName.
 */
import { FitError, newDiagnosis } from '../../fit-error.js';
import type { Cycle, PostFilterPlugin, PostFilterResult } from '../../framework.js';
import type { NodeInfo } from '../../node-info.js';
import { errorStatus, NodeToStatus, type Status, SUCCESS, unresolvable, unschedulable } from '../../status.js';
import { byImportance, type NodeVictims, selectVictimsOnNode } from './victims.js';

export { ERR_REASON_NO_VICTIMS, filterPodsWithPDBViolation, moreImportant, selectVictimsOnNode } from './victims.js';

export const DEFAULT_PREEMPTION = 'DefaultPreemption';
export const ERR_REASON_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const ERR_NOT_ELIGIBLE_NEVER = 'not eligible due to preemptionPolicy=Never.';
export const ERR_NOT_ELIGIBLE_TERMINATING = 'not eligible due to a terminating pod on the nominated node.';

export interface Candidate extends NodeVictims { nodeName: string }

export interface PreemptionOptions {
  /** Candidates wanted, as a share of the nodes (default 10%) with a floor (default 100). */
  minCandidateNodesPercentage?: number;
  minCandidateNodesAbsolute?: number;
  /** Where the dry run starts among the potential nodes; random by default. */
  offset?: (numNodes: number) => number;
}

/** Whether the pod may preempt at all; the reason when not (PodEligibleToPreemptOthers). */
export function eligibleToPreempt(c: Cycle, nominatedStatus: Status): [boolean, string] {
  const spec = c.pod.pod.spec;
  if (spec?.preemptionPolicy === 'Never') return [false, ERR_NOT_ELIGIBLE_NEVER];
  const nominated = c.pod.pod.status?.nominatedNodeName;
  if (nominated) {
    if (nominatedStatus.code === 'UnschedulableAndUnresolvable') return [true, ''];
    const node = c.snapshot.nodeInfo(nominated);
    if (node) for (const p of node.pods.values()) if (p.terminating && p.priority < c.pod.priority) return [false, ERR_NOT_ELIGIBLE_TERMINATING];
  }
  return [true, ''];
}

function victimStart(v: Candidate): number {
  // Earliest start among the highest-priority victims (util.GetEarliestPodStartTime).
  let prio = -Infinity;
  let start = Infinity;
  for (const p of v.victims) {
    if (p.priority > prio) { prio = p.priority; start = p.startTime; } else if (p.priority === prio && p.startTime < start) start = p.startTime;
  }
  return start;
}

/** The candidate to preempt on (pickOneNodeForPreemption); the first wins remaining ties. */
export function pickOneNodeForPreemption(candidates: readonly Candidate[]): Candidate | undefined {
  const scoreFuncs: Array<(c: Candidate) => number> = [
    (c) => -c.numPDBViolations,
    (c) => -c.victims[0].priority,
    (c) => -c.victims.reduce((s, p) => s + p.priority + 2 ** 31, 0),
    (c) => -c.victims.length,
    (c) => { const t = victimStart(c); return Number.isFinite(t) ? t : -Infinity; },
  ];
  let pool = [...candidates];
  for (const f of scoreFuncs) {
    if (pool.length <= 1) break;
    let best = -Infinity;
    let kept: Candidate[] = [];
    for (const c of pool) {
      const s = f(c);
      if (s > best) { best = s; kept = [c]; } else if (s === best) kept.push(c);
    }
    pool = kept;
  }
  return pool[0];
}

/** Runs preemption for a pod no node fits; `statuses` are the filter results per node. */
export function preempt(c: Cycle, statuses: NodeToStatus, options: PreemptionOptions = {}): PostFilterResult {
  const [ok, why] = eligibleToPreempt(c, statuses.get(c.pod.pod.status?.nominatedNodeName ?? ''));
  if (!ok) return { status: unschedulable(why) };
  const all = c.snapshot.nodes;
  if (all.length === 0) return { status: errorStatus('no nodes available') };
  const nodeStatuses = new NodeToStatus();
  nodeStatuses.absent = unresolvable(ERR_REASON_NOT_HELPFUL);
  const potential: NodeInfo[] = [];
  for (const n of all) {
    if (statuses.get(n.name).code === 'UnschedulableAndUnresolvable') nodeStatuses.set(n.name, unresolvable(ERR_REASON_NOT_HELPFUL));
    else potential.push(n);
  }
  const nonViolating: Candidate[] = [];
  const violating: Candidate[] = [];
  if (potential.length > 0) {
    const pct = options.minCandidateNodesPercentage ?? 10;
    const abs = options.minCandidateNodesAbsolute ?? 100;
    const want = Math.min(Math.max(Math.trunc((potential.length * pct) / 100), abs), potential.length);
    const offset = options.offset ? options.offset(potential.length) : Math.floor(c.profile.random() * potential.length);
    const pdbs = [...c.snapshot.pdbs.values()];
    for (let i = 0; i < potential.length; i++) {
      const node = potential[(offset + i) % potential.length];
      const r = selectVictimsOnNode(c.withState(c.state.clone()), node.clone(), pdbs);
      if (r.status === null && r.victims.length > 0) {
        (r.numPDBViolations === 0 ? nonViolating : violating).push({ ...r, nodeName: node.name });
        if (nonViolating.length > 0 && nonViolating.length + violating.length >= want) break;
        continue;
      }
      nodeStatuses.set(node.name, r.status ?? errorStatus(`expected at least one victim pod on node "${node.name}"`));
    }
  }
  const best = pickOneNodeForPreemption([...nonViolating, ...violating]);
  if (!best) {
    const d = newDiagnosis();
    const fit = new FitError(c.pod.pod, all.length, { ...d, nodeToStatus: nodeStatuses });
    return { status: unschedulable(fit.message), nominatedNodeName: '' };
  }
  return { status: SUCCESS, nominatedNodeName: best.nodeName, victims: [...best.victims].sort(byImportance) };
}

export function defaultPreemption(options: PreemptionOptions = {}): PostFilterPlugin {
  return {
    name: DEFAULT_PREEMPTION,
    postFilter(c: Cycle, statuses: NodeToStatus): PostFilterResult {
      const r = preempt(c, statuses, options);
      const msg = r.status.reasons.join(', ');
      if (r.status.code === 'Success' || msg === '') return r;
      return { ...r, status: { code: r.status.code, reasons: [`preemption: ${msg}`] } };
    },
  };
}
