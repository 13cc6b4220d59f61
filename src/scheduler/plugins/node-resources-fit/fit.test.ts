import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeNode, makePod, makeSnapshot, type NodeOptions, type PodOptions, preparedCycle } from '../../fixtures.js';
import type { PodView } from '../../types.js';
import { nodeResourcesFit } from './fit.js';

const fit = nodeResourcesFit();

function filter(node: NodeOptions, existing: PodOptions[], pod: PodView) {
  const s = makeSnapshot([makeNode('n', node)], existing.map((o, i) => makePod(`e${i}`, { nodeName: 'n', ...o })));
  const { c } = preparedCycle(pod, s, [fit]);
  return fit.filter(c, s.nodeInfo('n')!);
}

describe('NodeResourcesFit filter', () => {
  it('fits when requests fit what is left', () => {
    assert.equal(filter({ cpu: '2', memory: '4Gi' }, [{ cpu: '1', memory: '2Gi' }], makePod('p', { cpu: '1', memory: '2Gi' })), null);
  });

  it('reports every short resource', () => {
    const st = filter({ cpu: '2', memory: '4Gi' }, [{ cpu: '1500m', memory: '3Gi' }], makePod('p', { cpu: '1', memory: '2Gi' }));
    assert.deepEqual([st?.code, st?.reasons], ['Unschedulable', ['Insufficient cpu', 'Insufficient memory']]);
  });

  it('counts pods against the pods allocatable', () => {
    const st = filter({ pods: 1 }, [{}], makePod('p'));
    assert.deepEqual(st?.reasons, ['Too many pods']);
    assert.equal(filter({ pods: 2 }, [{}], makePod('p')), null);
  });

  it('checks ephemeral-storage and extended resources', () => {
    const node = { allocatable: { 'ephemeral-storage': '10Gi', 'example.com/gpu': 1 } };
    assert.deepEqual(filter(node, [{ requests: { 'example.com/gpu': '1' } }], makePod('p', { requests: { 'example.com/gpu': '1', 'ephemeral-storage': '11Gi' } }))?.reasons,
      ['Insufficient ephemeral-storage', 'Insufficient example.com/gpu']);
    assert.deepEqual(filter({}, [], makePod('p', { requests: { 'example.com/fpga': '1' } }))?.reasons, ['Insufficient example.com/fpga']);
    assert.equal(filter({}, [], makePod('p', { requests: { 'example.com/fpga': '0' } })), null, 'a zero request needs nothing');
  });

  it('counts init containers, sidecars and overhead', () => {
    const withInit = makePod('p', { cpu: '500m' });
    withInit.spec!.initContainers = [{ name: 'i', resources: { requests: { cpu: '1500m' } } }];
    assert.deepEqual(filter({ cpu: '1' }, [], withInit)?.reasons, ['Insufficient cpu'], 'the init container needs 1.5 cpu');
    const withSidecar = makePod('p', { cpu: '600m' });
    withSidecar.spec!.initContainers = [{ name: 's', restartPolicy: 'Always', resources: { requests: { cpu: '500m' } } }];
    assert.deepEqual(filter({ cpu: '1' }, [], withSidecar)?.reasons, ['Insufficient cpu'], 'the sidecar runs beside the app: 1.1 cpu');
    const withOverhead = makePod('p', { cpu: '900m', overhead: { cpu: '200m' } });
    assert.deepEqual(filter({ cpu: '1' }, [], withOverhead)?.reasons, ['Insufficient cpu']);
  });

  it('does not count terminal pods, which the snapshot drops', () => {
    assert.equal(filter({ cpu: '1' }, [{ cpu: '1', phase: 'Succeeded' }], makePod('p', { cpu: '1' })), null);
  });
});

describe('NodeResourcesFit score (LeastAllocated)', () => {
  it('scores the share left free, averaged over cpu and memory', () => {
    const s = makeSnapshot([makeNode('small', { cpu: '4', memory: '10000' }), makeNode('big', { cpu: '6', memory: '10000' })]);
    const { c } = preparedCycle(makePod('p', { cpu: '3', memory: '5000' }), s, [fit]);
    // small: cpu (4000-3000)*100/4000 = 25, memory (10000-5000)*100/10000 = 50 → 37
    // big:   cpu (6000-3000)*100/6000 = 50, memory 50 → 50
    assert.deepEqual(s.nodes.map((n) => fit.score(c, n)), [37, 50]);
  });

  it('counts pods without requests at 100m and 200Mi', () => {
    const s = makeSnapshot([makeNode('n', { cpu: '1', memory: `${400 * 2 ** 20}` })], [makePod('e', { nodeName: 'n' })]);
    const { c } = preparedCycle(makePod('p'), s, [fit]);
    // cpu: (1000 - 200) * 100 / 1000 = 80; memory: (400Mi - 400Mi) → 0; (80 + 0) / 2 = 40
    assert.equal(fit.score(c, s.nodeInfo('n')!), 40);
  });
});
