import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FAILED, pendingStatus, runningStatus, simulatedImageID, terminatedStatus, type SimPod } from './pod-status.js';

const pod: SimPod = {
  metadata: { name: 'p', namespace: 'default', uid: 'uid-1' },
  spec: { containers: [{ name: 'a', image: 'busybox:1.36' }, { name: 'b', image: 'quay.io/x/y:2' }], initContainers: [{ name: 'init', image: 'busybox' }] },
  status: { qosClass: 'BestEffort', conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }] },
};
const place = { hostIP: '10.200.0.1', podIP: '10.42.0.2', startTime: '2026-01-01T00:00:01Z' };

describe('simulated pod status', () => {
  it('reports ContainerCreating while pending, with no pod IP yet', () => {
    const s = pendingStatus(pod, place, '2026-01-01T00:00:01Z') as { phase: string; podIP?: string; containerStatuses: Array<{ state: { waiting: { reason: string } } }> };
    assert.equal(s.phase, 'Pending');
    assert.equal(s.podIP, undefined);
    assert.equal(s.containerStatuses[1].state.waiting.reason, 'ContainerCreating');
  });

  it('reports every container running and ready, keeping the scheduler\'s PodScheduled condition', () => {
    const s = runningStatus(pod, place, '2026-01-01T00:00:02Z') as {
      phase: string; podIPs: unknown; conditions: Array<{ type: string; status: string; lastTransitionTime: string }>;
      containerStatuses: Array<{ ready: boolean; imageID: string; containerID: string }>; initContainerStatuses: Array<{ state: { terminated: { reason: string } } }>;
    };
    assert.equal(s.phase, 'Running');
    assert.deepEqual(s.podIPs, [{ ip: '10.42.0.2' }]);
    assert.equal(s.conditions.find((c) => c.type === 'PodScheduled')?.lastTransitionTime, '2026-01-01T00:00:00Z');
    assert.equal(s.conditions.find((c) => c.type === 'Ready')?.status, 'True');
    assert.ok(s.containerStatuses.every((c) => c.ready));
    assert.match(s.containerStatuses[0].imageID, /^docker\.io\/library\/busybox@sha256:[0-9a-f]{64}$/);
    assert.match(s.containerStatuses[1].imageID, /^quay\.io\/x\/y@sha256:/);
    assert.notEqual(s.containerStatuses[0].containerID, s.containerStatuses[1].containerID);
    assert.equal(s.initContainerStatuses[0].state.terminated.reason, 'Completed');
  });

  it('reports a failure as phase Failed with exit code 1 and reason Error', () => {
    const s = terminatedStatus(pod, place, FAILED, '2026-01-01T00:00:09Z') as { phase: string; containerStatuses: Array<{ state: { terminated: { exitCode: number; reason: string } } }> };
    assert.equal(s.phase, 'Failed');
    assert.deepEqual([s.containerStatuses[0].state.terminated.exitCode, s.containerStatuses[0].state.terminated.reason], [1, 'Error']);
    assert.equal(simulatedImageID('localhost:5000/app@sha256:abc').startsWith('localhost:5000/app@sha256:'), true);
  });
});
