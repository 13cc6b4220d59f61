/**
 * Running a profile's plugins for one cycle: PreFilter (merging the node sets plugins narrow to),
 * Filter (first rejection wins), Filter with nominated pods (room reserved by earlier preemptions
 * counts as taken for pods of lower or equal priority), and the PreFilter extensions preemption
 * uses to ask "what if this pod were (not) here".
 */
import type { Cycle } from './framework.js';
import type { NodeInfo } from './node-info.js';
import type { PodInfo } from './pod-info.js';
import { errorStatus, message, type Status, unresolvable, withPlugin } from './status.js';

export interface PreFilterOutcome {
  /** null: the pod goes on to Filter. */
  status: Status | null;
  /** The only nodes worth filtering, when some plugin narrowed them. */
  nodeNames?: ReadonlySet<string>;
  /** Plugins that rejected the pod or narrowed its nodes. */
  plugins: Set<string>;
}

export function runPreFilter(c: Cycle): PreFilterOutcome {
  let nodeNames: Set<string> | undefined;
  const narrowing: string[] = [];
  const skip = c.state.skipFilter;
  for (const p of c.profile.preFilter) {
    const r = p.preFilter(c);
    const s = r?.status;
    if (s?.code === 'Skip') { skip.add(p.name); continue; }
    if (s && s.code === 'Error') return { status: errorStatus(`running PreFilter plugin "${p.name}": ${message(s)}`), plugins: new Set() };
    if (s && s.code !== 'Success') return { status: withPlugin(s, p.name), plugins: new Set([p.name]) };
    if (!r?.nodeNames) continue;
    narrowing.push(p.name);
    nodeNames = nodeNames ? new Set([...nodeNames].filter((n) => r.nodeNames!.has(n))) : new Set(r.nodeNames);
    if (nodeNames.size === 0) {
      const names = [...narrowing].sort();
      const msg = names.length === 1
        ? `node(s) didn't satisfy plugin ${names[0]}`
        : `node(s) didn't satisfy plugin(s) [${names.join(' ')}] simultaneously`;
      return { status: unresolvable(msg), plugins: new Set(narrowing) };
    }
  }
  c.filters = c.profile.filter.filter((f) => !skip.has(f.name));
  return { status: null, nodeNames, plugins: new Set(narrowing) };
}

/** Runs the cycle's filters on one node; the first rejection is returned (null when it fits). */
export function runFilter(c: Cycle, node: NodeInfo): Status | null {
  const filters = c.filters;
  for (let i = 0; i < filters.length; i++) {
    const s = filters[i].filter(c, node);
    if (s !== null) return s.plugin === filters[i].name ? s : withPlugin(s, filters[i].name);
  }
  return null;
}

/**
 * Filters a node as if the pods nominated to it with at least this pod's priority were already
 * there, and — when that passes — once more without them (RunFilterPluginsWithNominatedPods).
 */
export function runFilterWithNominatedPods(c: Cycle, node: NodeInfo): Status | null {
  if (!c.snapshot.hasNominations) return runFilter(c, node);
  const added: PodInfo[] = [];
  for (const p of c.snapshot.nominatedPods(node.name)) {
    if (p.priority >= c.pod.priority && p.key !== c.pod.key) added.push(p);
  }
  if (added.length === 0) return runFilter(c, node);
  const clone = node.clone();
  const withNominated = c.withState(c.state.clone());
  for (const p of added) addPodToCycle(withNominated, p, clone);
  const s = runFilter(withNominated, clone);
  if (s !== null) return s;
  return runFilter(c, node);
}

/** Adds `pod` to `node` (a clone) and tells the PreFilter extensions. */
export function addPodToCycle(c: Cycle, pod: PodInfo, node: NodeInfo): void {
  node.addPod(pod);
  for (const p of c.profile.preFilter) if (p.addPod && !c.state.skipFilter.has(p.name)) p.addPod(c, pod, node);
}

/** Removes `pod` from `node` (a clone) and tells the PreFilter extensions. */
export function removePodFromCycle(c: Cycle, pod: PodInfo, node: NodeInfo): void {
  node.removePod(pod.key);
  for (const p of c.profile.preFilter) if (p.removePod && !c.state.skipFilter.has(p.name)) p.removePod(c, pod, node);
}
