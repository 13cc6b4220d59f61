/**
 * TaintToleration: a node's NoSchedule and NoExecute taints keep off pods that do not tolerate
 * them; PreferNoSchedule taints only lower the score (fewer untolerated ones score higher).
 */
import { type Cycle, type FilterPlugin, MAX_NODE_SCORE, type PreScorePlugin, type ScorePlugin, type StateData } from '../../framework.js';
import type { NodeInfo } from '../../node-info.js';
import type { Status } from '../../status.js';
import type { TolerationView } from '../../types.js';
import { defaultNormalizeScore } from '../normalize.js';
import { tolerationsTolerate, untoleratedScheduleTaint } from './tolerations.js';

export const TAINT_TOLERATION = 'TaintToleration';

/** "node(s) had untolerated taint {key: value}" — Kubernetes 1.32's wording, value shown. */
export function errReasonUntoleratedTaint(key: string, value: string | undefined): string {
  return `node(s) had untolerated taint {${key}: ${value ?? ''}}`;
}

class PreScoreState implements StateData {
  constructor(readonly preferNoScheduleTolerations: readonly TolerationView[]) {}
  clone(): StateData { return this; }
}

export const taintToleration: FilterPlugin & PreScorePlugin & ScorePlugin = {
  name: TAINT_TOLERATION,

  filter(c: Cycle, node: NodeInfo): Status | null {
    if (node.taints.length === 0) return null;
    const taint = untoleratedScheduleTaint(node.taints, c.pod.pod.spec?.tolerations);
    if (!taint) return null;
    return { code: 'UnschedulableAndUnresolvable', reasons: [errReasonUntoleratedTaint(taint.key, taint.value)], plugin: TAINT_TOLERATION };
  },

  preScore(c: Cycle): Status | null {
    const tolerations = (c.pod.pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    c.state.write(TAINT_TOLERATION, new PreScoreState(tolerations));
    return null;
  },

  score(c: Cycle, node: NodeInfo): number {
    if (node.taints.length === 0) return 0;
    const tolerations = c.state.read<PreScoreState>(TAINT_TOLERATION)?.preferNoScheduleTolerations ?? [];
    let n = 0;
    for (const t of node.taints) if (t.effect === 'PreferNoSchedule' && !tolerationsTolerate(tolerations, t)) n++;
    return n;
  },

  normalizeScore(_c: Cycle, _nodes: readonly NodeInfo[], scores: number[]): void {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
  },
};
