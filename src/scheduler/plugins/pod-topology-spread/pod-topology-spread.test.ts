import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeNode, makePod, makeSnapshot, preparedCycle } from '../../fixtures.js';
import type { Snapshot } from '../../snapshot.js';
import type { PodView, TopologySpreadConstraintView } from '../../types.js';
import { ERR_REASON_CONSTRAINTS_NOT_MATCH, ERR_REASON_NODE_LABEL_NOT_MATCH, podTopologySpread } from './pod-topology-spread.js';

const plugin = podTopologySpread();
const ZONE = 'zone';

function spread(c: Partial<TopologySpreadConstraintView>, labels: Record<string, string> = { app: 'web' }, extra = {}): PodView {
  return makePod('p', {
    labels,
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, ...c }],
    ...extra,
  });
}

function verdicts(s: Snapshot, pod: PodView): Array<string | null> {
  const { c } = preparedCycle(pod, s, [plugin]);
  return s.nodes.map((n) => plugin.filter(c, n)?.reasons[0] ?? null);
}

const web = (name: string, node: string, extra = {}) => makePod(name, { nodeName: node, labels: { app: 'web' }, ...extra });

function zonal(): Snapshot {
  return makeSnapshot([
    makeNode('a1', { labels: { zone: 'a' } }),
    makeNode('a2', { labels: { zone: 'a' } }),
    makeNode('b1', { labels: { zone: 'b' } }),
    makeNode('none'),
  ], [web('w1', 'a1'), web('w2', 'a2')]);
}

describe('PodTopologySpread filter', () => {
  const SKEW = ERR_REASON_CONSTRAINTS_NOT_MATCH;
  it('keeps domains within maxSkew of the least loaded one', () => {
    // zone a holds 2 matching pods, zone b none: placing in a would make the skew 3 - 0 > 1.
    assert.deepEqual(verdicts(zonal(), spread({})), [SKEW, SKEW, null, ERR_REASON_NODE_LABEL_NOT_MATCH]);
    assert.deepEqual(verdicts(zonal(), spread({ maxSkew: 3 })), [null, null, null, ERR_REASON_NODE_LABEL_NOT_MATCH]);
  });

  it('does not count the pod itself unless it matches, nor terminating pods or other namespaces', () => {
    assert.deepEqual(verdicts(zonal(), spread({ maxSkew: 2 }, { app: 'other' })), [null, null, null, ERR_REASON_NODE_LABEL_NOT_MATCH]);
    const s = zonal();
    s.upsertPod(web('w2', 'a2', { deleting: true }));
    s.upsertPod(web('w3', 'a2', { namespace: 'other' }));
    assert.deepEqual(verdicts(s, spread({ maxSkew: 1 })), [SKEW, SKEW, null, ERR_REASON_NODE_LABEL_NOT_MATCH]);
    assert.deepEqual(verdicts(s, spread({ maxSkew: 2 })), [null, null, null, ERR_REASON_NODE_LABEL_NOT_MATCH]);
  });

  it('treats the global minimum as 0 while fewer than minDomains domains exist', () => {
    const s = makeSnapshot([makeNode('a1', { labels: { zone: 'a' } }), makeNode('b1', { labels: { zone: 'b' } })], [web('w1', 'a1'), web('w2', 'b1')]);
    assert.deepEqual(verdicts(s, spread({})), [null, null]);
    assert.deepEqual(verdicts(s, spread({ minDomains: 3 })), [SKEW, SKEW]);
  });

  it('counts only nodes that match the pod\'s node affinity, unless nodeAffinityPolicy is Ignore', () => {
    const s = makeSnapshot([
      makeNode('a1', { labels: { zone: 'a', pool: 'x' } }),
      makeNode('b1', { labels: { zone: 'b', pool: 'y' } }),
    ], [web('w1', 'a1')]);
    // Honor: zone b is not a domain (its node is not in pool x), so zone a is the minimum.
    assert.deepEqual(verdicts(s, spread({}, { app: 'web' }, { nodeSelector: { pool: 'x' } })), [null, null]);
    assert.deepEqual(verdicts(s, spread({ nodeAffinityPolicy: 'Ignore' }, { app: 'web' }, { nodeSelector: { pool: 'x' } })), [SKEW, null]);
  });

  it('counts tainted nodes unless nodeTaintsPolicy is Honor', () => {
    const s = makeSnapshot([
      makeNode('a1', { labels: { zone: 'a' } }),
      makeNode('b1', { labels: { zone: 'b' }, taints: [{ key: 'k', effect: 'NoSchedule' }] }),
    ], [web('w1', 'a1')]);
    assert.deepEqual(verdicts(s, spread({})), [SKEW, null]);
    assert.deepEqual(verdicts(s, spread({ nodeTaintsPolicy: 'Honor' })), [null, null]);
  });

  it('merges matchLabelKeys into the selector', () => {
    const s = makeSnapshot([makeNode('a1', { labels: { zone: 'a' } }), makeNode('b1', { labels: { zone: 'b' } })],
      [web('w1', 'a1', { labels: { app: 'web', hash: 'old' } })]);
    assert.deepEqual(verdicts(s, spread({ matchLabelKeys: ['hash'] }, { app: 'web', hash: 'new' })), [null, null]);
    assert.deepEqual(verdicts(s, spread({ matchLabelKeys: ['hash'] }, { app: 'web', hash: 'old' })), [SKEW, null]);
  });

  it('skips pods without DoNotSchedule constraints', () => {
    const { c } = preparedCycle(spread({ whenUnsatisfiable: 'ScheduleAnyway' }), zonal(), [plugin]);
    assert.equal(c.state.skipFilter.has('PodTopologySpread'), true);
  });
});

describe('PodTopologySpread score', () => {
  function scores(s: Snapshot, pod: PodView): number[] | 'skip' {
    const { c } = preparedCycle(pod, s, [plugin]);
    if (plugin.preScore(c, s.nodes)?.code === 'Skip') return 'skip';
    const out = s.nodes.map((n) => plugin.score(c, n));
    plugin.normalizeScore!(c, s.nodes, out);
    return out;
  }

  it('prefers less crowded domains and gives nodes without the label 0', () => {
    // zone a: 2 pods, zone b: 0; weight log(2 + 2); raw a = round(2 * 1.386) = 3, b = 0
    assert.deepEqual(scores(zonal(), spread({ whenUnsatisfiable: 'ScheduleAnyway' })), [0, 0, 100, 0]);
  });

  it('counts per node for hostname constraints', () => {
    const s = makeSnapshot([makeNode('n1'), makeNode('n2'), makeNode('n3')], [web('w1', 'n1'), web('w2', 'n1'), web('w3', 'n2')]);
    // weight log(3 + 2) = 1.609: n1 round(3.22) = 3, n2 round(1.61) = 2, n3 0 → 100 * (3 + 0 - s) / 3
    assert.deepEqual(scores(s, spread({ whenUnsatisfiable: 'ScheduleAnyway', topologyKey: 'kubernetes.io/hostname' })), [0, 33, 100]);
  });

  it('spreads pods of a Service by default over hosts and zones', () => {
    const s = makeSnapshot([makeNode('n1', { labels: { 'topology.kubernetes.io/zone': 'a' } }), makeNode('n2', { labels: { 'topology.kubernetes.io/zone': 'a' } })],
      [web('w1', 'n1'), web('w2', 'n1')]);
    assert.equal(scores(s, makePod('p', { labels: { app: 'web' } })), 'skip', 'nothing selects the pod yet');
    s.workloads.upsertService({ metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' } } });
    // hostname (maxSkew 3): n1 2 * log(4) + 2 = 4.77 → ; n2 0 + 2; zone (maxSkew 5): both 2 * log(3) + 4
    const out = scores(s, makePod('p', { labels: { app: 'web' } }));
    assert.ok(Array.isArray(out) && out[1] > out[0], JSON.stringify(out));
  });
});
