/**
 * InterPodAffinity: required pod affinity and anti-affinity (and existing pods' required
 * anti-affinity, symmetrically) per topology domain as a filter; preferred terms, and existing
 * pods' terms towards this pod, as a score.
 */
import type { Cycle, FilterPlugin, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework.js';
import type { NodeInfo } from '../../node-info.js';
import { addPod, filter, INTER_POD_AFFINITY, preFilter, removePod } from './filtering.js';
import { normalizeScore, preScore, score } from './scoring.js';

export {
  ERR_REASON_AFFINITY_RULES_NOT_MATCH, ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH, ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH,
  INTER_POD_AFFINITY,
} from './filtering.js';

export interface InterPodAffinityOptions {
  /** Score weight of existing pods' required affinity terms the pod matches (default 1). */
  hardPodAffinityWeight?: number;
}

export function interPodAffinity(options: InterPodAffinityOptions = {}): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  const hard = options.hardPodAffinityWeight ?? 1;
  return {
    name: INTER_POD_AFFINITY,
    preFilter,
    filter,
    addPod,
    removePod,
    preScore: (c: Cycle) => preScore(c, hard),
    score,
    normalizeScore: (c: Cycle, _nodes: readonly NodeInfo[], scores: number[]) => normalizeScore(c, scores),
  };
}
