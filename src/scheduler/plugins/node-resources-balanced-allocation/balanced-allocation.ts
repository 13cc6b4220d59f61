/**
 * NodeResourcesBalancedAllocation: prefers nodes whose cpu and memory would be used in similar
 * proportions with the pod placed: score = (1 - standard deviation of the used fractions) * 100,
 * over real requests (not the non-zero defaults).
 */
import { type Cycle, MAX_NODE_SCORE, type ScorePlugin } from '../../framework.js';
import type { NodeInfo } from '../../node-info.js';
import {
  allocatableOf, compileResources, DEFAULT_SCORING_RESOURCES, requestedWith, type ResourceSpec,
} from '../node-resources-fit/least-allocated.js';

export const NODE_RESOURCES_BALANCED_ALLOCATION = 'NodeResourcesBalancedAllocation';

/** (1 - standard deviation of the fractions) * 100; with two fractions the deviation is half their gap. */
export function balancedScore(fractions: readonly number[], n = fractions.length): number {
  let std = 0;
  if (n === 2) {
    std = Math.abs((fractions[0] - fractions[1]) / 2);
  } else if (n > 2) {
    let total = 0;
    for (let i = 0; i < n; i++) total += fractions[i];
    const mean = total / n;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (fractions[i] - mean) * (fractions[i] - mean);
    std = Math.sqrt(sum / n);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export function nodeResourcesBalancedAllocation(resources: readonly ResourceSpec[] = DEFAULT_SCORING_RESOURCES): ScorePlugin {
  const rs = compileResources(resources);
  const fractions = new Array<number>(resources.length).fill(0);
  return {
    name: NODE_RESOURCES_BALANCED_ALLOCATION,
    score(c: Cycle, node: NodeInfo): number {
      let n = 0;
      for (let i = 0; i < rs.kinds.length; i++) {
        const alloc = allocatableOf(node, rs, i);
        if (alloc === 0) continue;
        const req = requestedWith(c.pod, node, rs, i, true);
        if (req < 0) continue;
        const f = req / alloc;
        fractions[n++] = f > 1 ? 1 : f;
      }
      return balancedScore(fractions, n);
    },
  };
}
