/**
 * NodeAffinity: the pod's nodeSelector and required node affinity must match the node's labels
 * (and, for matchFields, its name); preferred terms add their weights to the score. Required
 * terms that all pin metadata.name narrow the nodes looked at in PreFilter.
 */
import {
  type Cycle, type FilterPlugin, MAX_NODE_SCORE, type PreFilterPlugin, type PreFilterResult, type PreScorePlugin, type ScorePlugin,
  type StateData,
} from '../../framework.js';
import type { NodeInfo } from '../../node-info.js';
import { PreferredTerms } from '../../node-selector.js';
import { SKIP, type Status, unresolvable } from '../../status.js';
import type { PodSpecView } from '../../types.js';
import { defaultNormalizeScore } from '../normalize.js';

export const NODE_AFFINITY = 'NodeAffinity';
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

const REJECTED: Status = Object.freeze({ code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_POD], plugin: NODE_AFFINITY });

class PreScoreState implements StateData {
  constructor(readonly preferred: PreferredTerms) {}
  clone(): StateData { return this; }
}

/** Node names the required terms allow, when every term pins metadata.name with In. */
export function requiredNodeNames(spec: PodSpecView | undefined): Set<string> | undefined {
  const terms = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return undefined;
  let names: Set<string> | undefined;
  for (const t of terms) {
    let termNames: Set<string> | undefined;
    for (const r of t.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const s = new Set(r.values ?? []);
      termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
    }
    if (!termNames) return undefined;
    names = names ? new Set([...names, ...termNames]) : termNames;
  }
  return names;
}

export const nodeAffinity: PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin = {
  name: NODE_AFFINITY,

  preFilter(c: Cycle): PreFilterResult | null {
    const spec = c.pod.pod.spec;
    if (!spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution && !spec?.nodeSelector) return { status: SKIP };
    const names = requiredNodeNames(spec);
    if (names && names.size === 0) return { status: { ...unresolvable(ERR_REASON_CONFLICT), plugin: NODE_AFFINITY } };
    return names ? { nodeNames: names } : null;
  },

  filter(c: Cycle, node: NodeInfo): Status | null {
    return c.pod.requiredNodeAffinity.matches(node.name, node.labels) ? null : REJECTED;
  },

  preScore(c: Cycle): Status | null {
    const preferred = c.pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    if (!preferred || preferred.length === 0) return SKIP;
    c.state.write(NODE_AFFINITY, new PreScoreState(new PreferredTerms(preferred)));
    return null;
  },

  score(c: Cycle, node: NodeInfo): number {
    return c.state.read<PreScoreState>(NODE_AFFINITY)?.preferred.score(node.name, node.labels) ?? 0;
  },

  normalizeScore(_c: Cycle, _nodes: readonly NodeInfo[], scores: number[]): void {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
  },
};
