import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FitError, newDiagnosis } from './fit-error.js';
import { unresolvable, unschedulable } from './status.js';

const pod = { metadata: { name: 'web', namespace: 'dev' } };

describe('FitError', () => {
  it('counts reasons over nodes and sorts them as strings, then appends the PostFilter message', () => {
    const d = newDiagnosis();
    d.nodeToStatus.set('node-1', unresolvable('node(s) had untolerated taint {dedicated: gpu}'));
    d.nodeToStatus.set('node-2', unschedulable('Insufficient cpu'));
    d.nodeToStatus.set('node-3', unschedulable('Insufficient cpu'));
    d.postFilterMsg = 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';
    assert.equal(new FitError(pod, 3, d).message,
      '0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu. ' +
      'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
  });

  it('counts every reason of a node, and sorts "10 …" before "2 …" as Go does', () => {
    const d = newDiagnosis();
    for (let i = 0; i < 10; i++) d.nodeToStatus.set(`a${i}`, unschedulable('Too many pods'));
    d.nodeToStatus.set('b1', unschedulable('Insufficient cpu', 'Insufficient memory'));
    d.nodeToStatus.set('b2', unschedulable('Insufficient cpu', 'Insufficient memory'));
    assert.equal(new FitError(pod, 12, d).message, '0/12 nodes are available: 10 Too many pods, 2 Insufficient cpu, 2 Insufficient memory.');
  });

  it('gives nodes never looked at the absent status', () => {
    const d = newDiagnosis();
    d.nodeToStatus.absent = unresolvable("node(s) didn't satisfy plugin(s) [NodeAffinity]");
    d.nodeToStatus.set('node-1', unschedulable('Insufficient cpu'));
    assert.equal(new FitError(pod, 3, d).message, "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].");
  });

  it('shows a PreFilter rejection once, not per node', () => {
    const d = newDiagnosis();
    d.preFilterMsg = 'pod has unbound immediate PersistentVolumeClaims';
    d.nodeToStatus.absent = unresolvable(d.preFilterMsg);
    d.postFilterMsg = 'preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.';
    assert.equal(new FitError(pod, 2, d).message,
      '0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.');
  });

  it('says so when there are no nodes', () => {
    assert.equal(new FitError(pod, 0, newDiagnosis()).message, 'no nodes available to schedule pods');
  });
});
