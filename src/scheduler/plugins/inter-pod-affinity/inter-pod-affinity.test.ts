import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeNode, makePod, makeSnapshot, preparedCycle } from '../../fixtures.js';
import { PodInfo } from '../../pod-info.js';
import { removePodFromCycle } from '../../run-plugins.js';
import type { Snapshot } from '../../snapshot.js';
import type { PodAffinityTermView, PodView } from '../../types.js';
import { interPodAffinity } from './inter-pod-affinity.js';

const plugin = interPodAffinity();
const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';

function term(labels: Record<string, string>, topologyKey = HOST, extra: Partial<PodAffinityTermView> = {}): PodAffinityTermView {
  return { labelSelector: { matchExpressions: Object.entries(labels).map(([key, v]) => ({ key, operator: 'In', values: [v] })) }, topologyKey, ...extra };
}

function nodes(): ReturnType<typeof makeNode>[] {
  return [
    makeNode('node-1', { labels: { [ZONE]: 'a' } }),
    makeNode('node-2', { labels: { [ZONE]: 'a' } }),
    makeNode('node-3', { labels: { [ZONE]: 'b' } }),
  ];
}

/** The filter's verdict on every node: null when it fits, else the reason. */
function verdicts(s: Snapshot, pod: PodView): Array<string | null> {
  const { c } = preparedCycle(pod, s, [plugin]);
  return s.nodes.map((n) => plugin.filter(c, n)?.reasons[0] ?? null);
}

const AFF = "node(s) didn't match pod affinity rules";
const ANTI = "node(s) didn't match pod anti-affinity rules";
const EXISTING = "node(s) didn't satisfy existing pods anti-affinity rules";

describe('InterPodAffinity filter', () => {
  it('places a pod with required affinity beside the pods it names', () => {
    const s = makeSnapshot(nodes(), [makePod('backend', { nodeName: 'node-2', labels: { app: 'backend' } })]);
    const pod = makePod('p', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'backend' })] } } });
    assert.deepEqual(verdicts(s, pod), [AFF, null, AFF]);
    const zonal = makePod('p', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'backend' }, ZONE)] } } });
    assert.deepEqual(verdicts(s, zonal), [null, null, AFF]);
  });

  it('lets the first pod of a self-affine group go anywhere with the topology label', () => {
    const s = makeSnapshot([...nodes(), makeNode('no-zone')]);
    const pod = makePod('p', { labels: { app: 'db' }, affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' }, ZONE)] } } });
    assert.deepEqual(verdicts(s, pod), [null, null, null, AFF]);
    const other = makePod('q', { labels: { app: 'web' }, affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' }, ZONE)] } } });
    assert.deepEqual(verdicts(s, other), [AFF, AFF, AFF, AFF]);
  });

  it('keeps a pod with required anti-affinity out of domains holding matching pods', () => {
    const s = makeSnapshot(nodes(), [makePod('web-1', { nodeName: 'node-1', labels: { app: 'web' } })]);
    const host = makePod('p', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' })] } } });
    assert.deepEqual(verdicts(s, host), [ANTI, null, null]);
    const zone = makePod('p', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' }, ZONE)] } } });
    assert.deepEqual(verdicts(s, zone), [ANTI, ANTI, null]);
  });

  it("honours existing pods' anti-affinity towards the incoming pod (symmetry)", () => {
    const guard = makePod('guard', { nodeName: 'node-3', affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' })] } } });
    const s = makeSnapshot(nodes(), [guard]);
    assert.deepEqual(verdicts(s, makePod('p', { labels: { app: 'web' } })), [null, null, EXISTING]);
    assert.deepEqual(verdicts(s, makePod('p', { labels: { app: 'db' } })), [null, null, null]);
  });

  it('matches only the namespaces a term names or selects', () => {
    const s = makeSnapshot(nodes(), [
      makePod('a', { nodeName: 'node-1', namespace: 'team-a', labels: { app: 'web' } }),
      makePod('b', { nodeName: 'node-2', namespace: 'team-b', labels: { app: 'web' } }),
    ]);
    s.upsertNamespace({ metadata: { name: 'team-a', labels: { tier: 'prod' } } });
    s.upsertNamespace({ metadata: { name: 'team-b', labels: { tier: 'dev' } } });
    const anti = (extra: Partial<PodAffinityTermView>) => makePod('p', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' }, HOST, extra)] } } });
    assert.deepEqual(verdicts(s, anti({})), [null, null, null], 'default: the pod\'s own namespace');
    assert.deepEqual(verdicts(s, anti({ namespaces: ['team-b'] })), [null, ANTI, null]);
    assert.deepEqual(verdicts(s, anti({ namespaceSelector: { matchLabels: { tier: 'prod' } } })), [ANTI, null, null]);
    assert.deepEqual(verdicts(s, anti({ namespaceSelector: {} })), [ANTI, ANTI, null], 'an empty namespaceSelector selects all');
    assert.deepEqual(verdicts(s, anti({ namespaces: ['team-b'], namespaceSelector: { matchLabels: { tier: 'prod' } } })), [ANTI, ANTI, null]);
  });

  it('merges matchLabelKeys into the selector', () => {
    const s = makeSnapshot(nodes(), [
      makePod('v1', { nodeName: 'node-1', labels: { app: 'web', rev: '1' } }),
      makePod('v2', { nodeName: 'node-2', labels: { app: 'web', rev: '2' } }),
    ]);
    const pod = makePod('p', { labels: { app: 'web', rev: '2' }, affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' }, HOST, { matchLabelKeys: ['rev'] })] } } });
    assert.deepEqual(verdicts(s, pod), [null, ANTI, null]);
  });

  it('updates its counts when preemption takes a pod away', () => {
    const web = makePod('web-1', { nodeName: 'node-1', labels: { app: 'web' } });
    const s = makeSnapshot(nodes(), [web]);
    const { c } = preparedCycle(makePod('p', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' })] } } }), s, [plugin]);
    const copy = c.withState(c.state.clone());
    const node = s.nodeInfo('node-1')!.clone();
    removePodFromCycle(copy, new PodInfo(web), node);
    assert.equal(plugin.filter(copy, node), null);
    assert.equal(plugin.filter(c, s.nodeInfo('node-1')!)?.reasons[0], ANTI, 'the original cycle is untouched');
  });
});

describe('InterPodAffinity score', () => {
  function scores(s: Snapshot, pod: PodView): number[] | 'skip' {
    const { c } = preparedCycle(pod, s, [plugin]);
    if (plugin.preScore(c, s.nodes)?.code === 'Skip') return 'skip';
    const out = s.nodes.map((n) => plugin.score(c, n));
    plugin.normalizeScore!(c, s.nodes, out);
    return out;
  }

  it('prefers domains with pods the preferred affinity names and avoids anti-affinity ones', () => {
    const s = makeSnapshot(nodes(), [
      makePod('fe', { nodeName: 'node-1', labels: { app: 'frontend' } }),
      makePod('be', { nodeName: 'node-3', labels: { app: 'backend' } }),
    ]);
    const pod = makePod('p', {
      affinity: {
        podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: term({ app: 'backend' }) }] },
        podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term({ app: 'frontend' }) }] },
      },
    });
    // raw: node-1 -100, node-2 0, node-3 10 → scaled between min and max
    assert.deepEqual(scores(s, pod), [0, 90, 100]);
  });

  it("counts existing pods' required affinity at weight 1 and their preferred terms towards the pod", () => {
    const s = makeSnapshot(nodes(), [
      makePod('likes-web', { nodeName: 'node-2', affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' })] } } }),
      makePod('hates-web', { nodeName: 'node-3', affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: term({ app: 'web' }) }] } } }),
    ]);
    // raw: node-1 0, node-2 +1, node-3 -5
    assert.deepEqual(scores(s, makePod('p', { labels: { app: 'web' } })), [83, 100, 0]);
  });

  it('skips when neither the pod nor any existing pod has affinity', () => {
    const s = makeSnapshot(nodes(), [makePod('x', { nodeName: 'node-1' })]);
    assert.equal(scores(s, makePod('p')), 'skip');
  });
});
