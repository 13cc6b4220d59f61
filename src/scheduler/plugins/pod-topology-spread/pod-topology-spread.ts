/**
 * PodTopologySpread: spreads matching pods evenly over topology domains (zones, hosts…) —
 * DoNotSchedule constraints filter, ScheduleAnyway constraints and cluster defaults score.
 */
import type { Cycle, FilterPlugin, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework.js';
import type { NodeInfo } from '../../node-info.js';
import { POD_TOPOLOGY_SPREAD, type SpreadOptions } from './common.js';
import { addPod, filter, preFilter, removePod } from './filtering.js';
import { normalizeScore, preScore, score } from './scoring.js';

export { POD_TOPOLOGY_SPREAD, SYSTEM_DEFAULT_CONSTRAINTS, type SpreadOptions } from './common.js';
export { ERR_REASON_CONSTRAINTS_NOT_MATCH, ERR_REASON_NODE_LABEL_NOT_MATCH } from './filtering.js';

export function podTopologySpread(options: SpreadOptions = {}): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  return {
    name: POD_TOPOLOGY_SPREAD,
    preFilter: (c: Cycle) => preFilter(c, options),
    filter,
    addPod,
    removePod,
    preScore: (c: Cycle, nodes: readonly NodeInfo[]) => preScore(c, nodes, options),
    score,
    normalizeScore,
  };
}
