/**
 * Choosing victims on one node (DefaultPreemption.SelectVictimsOnNode): take away every pod of
 * lower priority than the preemptor; if the pod then fits, give back as many as possible — those
 * whose eviction would break a PodDisruptionBudget first, then the rest, most important first —
 * and the ones that cannot be given back are the victims.
 */
import type { Cycle } from '../../framework.js';
import { compileLabelSelector } from '../../labels.js';
import type { NodeInfo } from '../../node-info.js';
import type { PodInfo } from '../../pod-info.js';
import { addPodToCycle, removePodFromCycle, runFilterWithNominatedPods } from '../../run-plugins.js';
import { type Status, unresolvable } from '../../status.js';
import type { PodDisruptionBudgetView } from '../../types.js';

export const ERR_REASON_NO_VICTIMS = 'No preemption victims found for incoming pod';

/** util.MoreImportantPod: higher priority, then the one that started earlier. */
export function moreImportant(a: PodInfo, b: PodInfo): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  return a.startTime < b.startTime;
}

export function byImportance(a: PodInfo, b: PodInfo): number {
  return moreImportant(a, b) ? -1 : moreImportant(b, a) ? 1 : 0;
}

/**
 * Splits pods into those whose eviction would exceed a matching budget's disruptionsAllowed
 * (counting evictions in order) and the rest. A budget with an empty selector matches nothing;
 * pods the budget already counts as disrupted do not use it up.
 */
export function filterPodsWithPDBViolation(pods: readonly PodInfo[], pdbs: readonly PodDisruptionBudgetView[]): [PodInfo[], PodInfo[]] {
  const allowed = pdbs.map((p) => p.status?.disruptionsAllowed ?? 0);
  const selectors = pdbs.map((p) => compileLabelSelector(p.spec?.selector));
  const violating: PodInfo[] = [];
  const nonViolating: PodInfo[] = [];
  for (const p of pods) {
    let violated = false;
    if (Object.keys(p.labels).length > 0) {
      for (let i = 0; i < pdbs.length; i++) {
        const pdb = pdbs[i];
        if ((pdb.metadata.namespace ?? 'default') !== p.namespace) continue;
        if (selectors[i].empty || !selectors[i].matches(p.labels)) continue;
        if (pdb.status?.disruptedPods?.[p.name] !== undefined) continue;
        allowed[i]--;
        if (allowed[i] < 0) violated = true;
      }
    }
    (violated ? violating : nonViolating).push(p);
  }
  return [violating, nonViolating];
}

export interface NodeVictims {
  /** null when victims were found. */
  status: Status | null;
  victims: PodInfo[];
  numPDBViolations: number;
}

/** `c` and `node` must be copies: this removes and re-adds pods on them. */
export function selectVictimsOnNode(c: Cycle, node: NodeInfo, pdbs: readonly PodDisruptionBudgetView[]): NodeVictims {
  const potential: PodInfo[] = [];
  for (const p of [...node.pods.values()]) {
    if (p.priority < c.pod.priority) {
      potential.push(p);
      removePodFromCycle(c, p, node);
    }
  }
  if (potential.length === 0) return { status: unresolvable(ERR_REASON_NO_VICTIMS), victims: [], numPDBViolations: 0 };
  const s = runFilterWithNominatedPods(c, node);
  if (s !== null) return { status: s, victims: [], numPDBViolations: 0 };
  potential.sort(byImportance);
  const [violating, nonViolating] = filterPodsWithPDBViolation(potential, pdbs);
  const victims: PodInfo[] = [];
  let numPDBViolations = 0;
  const reprieve = (p: PodInfo): boolean => {
    addPodToCycle(c, p, node);
    if (runFilterWithNominatedPods(c, node) === null) return true;
    removePodFromCycle(c, p, node);
    victims.push(p);
    return false;
  };
  for (const p of violating) if (!reprieve(p)) numPDBViolations++;
  for (const p of nonViolating) reprieve(p);
  if (violating.length > 0 && nonViolating.length > 0) victims.sort(byImportance);
  return { status: null, victims, numPDBViolations };
}
