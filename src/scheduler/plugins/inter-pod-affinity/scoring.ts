/**
 * InterPodAffinity's score: per topology domain, the weights of the incoming pod's preferred
 * (anti-)affinity terms that existing pods match, plus the existing pods' preferred terms and
 * required affinity terms (at hardPodAffinityWeight) that the incoming pod matches. A node scores
 * the sum over its domains; scores are then scaled between the lowest and highest to 0..100.
 */
import { type Cycle, MAX_NODE_SCORE, type StateData } from '../../framework.js';
import type { Labels } from '../../labels.js';
import type { NodeInfo } from '../../node-info.js';
import { type AffinityTerm, type PodInfo, termMatches } from '../../pod-info.js';
import { SKIP, type Status } from '../../status.js';
import { TopologyCounts } from '../topology-counts.js';

const SCORE_KEY = 'PreScoreInterPodAffinity';

class ScoreState implements StateData {
  constructor(readonly topologyScore: TopologyCounts) {}
  clone(): StateData { return this; }
}

function processTerm(scores: TopologyCounts, t: AffinityTerm, weight: number, target: PodInfo, nsLabels: Labels | undefined, nodeLabels: Labels): void {
  if (termMatches(t, target, nsLabels)) scores.addForNode(t.topologyKey, nodeLabels, weight, false);
}

export function preScore(c: Cycle, hardPodAffinityWeight: number): Status | null {
  const pod = c.pod;
  const s = c.snapshot;
  const hasConstraints = pod.preferredAffinityTerms.length > 0 || pod.preferredAntiAffinityTerms.length > 0;
  if (!hasConstraints && s.podsWithAffinity.size === 0) return SKIP;
  const nsLabels = s.namespaceLabelsOf(pod.namespace);
  const scores = new TopologyCounts();
  for (const e of s.podsWithAffinity) {
    const node = s.nodeOf(e);
    if (!node) continue;
    if (hardPodAffinityWeight > 0) for (const t of e.requiredAffinityTerms) processTerm(scores, t, hardPodAffinityWeight, pod, nsLabels, node.labels);
    for (const t of e.preferredAffinityTerms) processTerm(scores, t, t.weight, pod, nsLabels, node.labels);
    for (const t of e.preferredAntiAffinityTerms) processTerm(scores, t, -t.weight, pod, nsLabels, node.labels);
  }
  const own: Array<[readonly (AffinityTerm & { weight: number })[], number]> = [[pod.preferredAffinityTerms, 1], [pod.preferredAntiAffinityTerms, -1]];
  for (const [terms, sign] of own) {
    for (const t of terms) {
      for (const p of s.podIndex.candidates(t.selector)) {
        const node = s.nodeOf(p);
        if (node) processTerm(scores, t, sign * t.weight, p, s.namespaceLabelsOf(p.namespace), node.labels);
      }
    }
  }
  if (scores.size === 0) return SKIP;
  c.state.write(SCORE_KEY, new ScoreState(scores));
  return null;
}

export function score(c: Cycle, node: NodeInfo): number {
  return c.state.read<ScoreState>(SCORE_KEY)?.topologyScore.sumFor(node.labels) ?? 0;
}

export function normalizeScore(c: Cycle, scores: number[]): void {
  const st = c.state.read<ScoreState>(SCORE_KEY);
  if (!st || st.topologyScore.size === 0) return;
  let min = Infinity;
  let max = -Infinity;
  for (const s of scores) { if (s > max) max = s; if (s < min) min = s; }
  const diff = max - min;
  for (let i = 0; i < scores.length; i++) {
    scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i] - min) / diff)) : 0;
  }
}
