import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PodInfo } from './pod-info.js';
import { isScalarResourceName, podRequest, podRequestAmounts, value } from './resources.js';
import type { PodSpecView } from './types.js';

const c = (cpu: string, memory: string, restartPolicy?: string) => ({ name: 'x', resources: { requests: { cpu, memory } }, restartPolicy });

describe('pod requests', () => {
  it('sums app containers and takes the largest init container when bigger', () => {
    const spec: PodSpecView = {
      initContainers: [c('2', '1G'), c('2', '3G')],
      containers: [c('2', '1G'), c('1', '1G')],
    };
    const r = podRequest(spec);
    assert.equal(r.milliCPU, 3000);
    assert.equal(r.memory, 3e9);
  });

  it('adds sidecars to the app containers and to every later init step (1.32)', () => {
    const spec: PodSpecView = {
      initContainers: [c('1', '1Gi', 'Always'), c('2', '1Gi')],
      containers: [c('1', '1Gi')],
    };
    // app: 1 + sidecar 1 = 2 cpu; the init step after the sidecar: 2 + 1 = 3 cpu, which wins.
    assert.equal(podRequest(spec).milliCPU, 3000);
    assert.equal(podRequest(spec).memory, 2 * 2 ** 30);
  });

  it('does not add a sidecar to init steps that run before it', () => {
    const spec: PodSpecView = {
      initContainers: [c('2', '1Gi'), c('1', '1Gi', 'Always')],
      containers: [c('1', '1Gi')],
    };
    assert.equal(podRequest(spec).milliCPU, 2000);
  });

  it('adds the pod overhead after the max', () => {
    const spec: PodSpecView = { containers: [c('500m', '100Mi')], overhead: { cpu: '250m', memory: '120Mi' } };
    const r = podRequest(spec);
    assert.equal(r.milliCPU, 750);
    assert.equal(r.memory, 220 * 2 ** 20);
  });

  it('counts extended, hugepages and ephemeral-storage requests', () => {
    const spec: PodSpecView = {
      containers: [{ resources: { requests: { 'example.com/gpu': '2', 'hugepages-2Mi': '4Mi', 'ephemeral-storage': '1Gi' } } }],
    };
    const r = podRequest(spec);
    assert.equal(r.getScalar('example.com/gpu'), 2);
    assert.equal(r.getScalar('hugepages-2Mi'), 4 * 2 ** 20);
    assert.equal(r.ephemeralStorage, 2 ** 30);
  });

  it('counts containers without cpu or memory at 100m and 200Mi for scoring only', () => {
    const spec: PodSpecView = { containers: [{ resources: { requests: { cpu: '300m' } } }, {}] };
    const nz = podRequestAmounts(spec, true);
    assert.equal(nz.get('cpu'), 400);
    assert.equal(nz.get('memory'), 400 * 2 ** 20);
    const p = new PodInfo({ metadata: { name: 'p' }, spec });
    assert.equal(p.requests.milliCPU, 300);
    assert.equal(p.requests.memory, 0);
    assert.equal(p.nonZeroCPU, 400);
  });

  it('rounds quantities up to whole units and tells scalar resource names', () => {
    assert.equal(value('1.5'), 2);
    assert.equal(value('1Gi'), 2 ** 30);
    assert.equal(isScalarResourceName('nvidia.com/gpu'), true);
    assert.equal(isScalarResourceName('kubernetes.io/something'), true);
    assert.equal(isScalarResourceName('hugepages-1Gi'), true);
    assert.equal(isScalarResourceName('cpu'), false);
    assert.equal(isScalarResourceName('requests.nvidia.com/gpu'), false);
  });
});
