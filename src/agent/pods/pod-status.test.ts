import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/types/core/pod/index.js';
import type { ContainerStatus as RuntimeContainer } from '../runtime/index.js';
import { computePodStatus, type ContainerView } from './pod-status.js';

const NOW = '2026-11-22T10:00:00Z';

function pod(extra: Partial<NonNullable<Pod['spec']>> = {}): Pod {
  return {
    metadata: { name: 'web', namespace: 'dev', uid: 'u1' },
    spec: { containers: [{ name: 'app', image: 'busybox:1.36' }, { name: 'side', image: 'busybox:1.36' }], ...extra },
    status: { phase: 'Pending', qosClass: 'BestEffort', conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-11-22T09:00:00Z' }] },
  };
}

function rc(name: string, state: RuntimeContainer['state'], extra: Partial<RuntimeContainer> = {}): RuntimeContainer {
  return {
    id: `${name}-id`.padEnd(64, '0'), sandboxId: 's', name, attempt: 0, state, image: 'busybox:1.36', imageId: 'sha256:abc',
    imageRef: 'docker.io/library/busybox@sha256:def', createdAt: '2026-11-22T09:59:00Z', startedAt: '2026-11-22T09:59:01Z',
    logPath: '/x', labels: {}, annotations: {}, ...extra,
  };
}

function status(p: Pod, containers: ContainerView[], init: ContainerView[] = [], sandboxReady = true) {
  return computePodStatus({ pod: p, hostIP: '10.0.0.1', podIPs: sandboxReady ? ['10.42.0.5'] : [], startTime: NOW, sandboxReady, init, containers, now: NOW });
}

describe('pod status', () => {
  it('Pending with ContainerCreating before the sandbox is up', () => {
    const s = status(pod(), [], [], false);
    assert.equal(s.phase, 'Pending');
    assert.deepEqual(s.containerStatuses.map((c) => c.state.waiting?.reason), ['ContainerCreating', 'ContainerCreating']);
    assert.equal(s.podIP, undefined);
    assert.deepEqual(s.conditions.map((c) => `${c.type}=${c.status}`),
      ['PodReadyToStartContainers=False', 'Initialized=True', 'Ready=False', 'ContainersReady=False', 'PodScheduled=True']);
    assert.equal(s.conditions[2].message, 'containers with unready status: [app side]');
    assert.equal(s.conditions[4].lastTransitionTime, '2026-11-22T09:00:00Z', 'the scheduler\'s condition is kept');
  });

  it('Running and Ready when every container runs and is ready', () => {
    const s = status(pod(), [
      { name: 'app', current: rc('app', 'running'), ready: true },
      { name: 'side', current: rc('side', 'running'), ready: true },
    ]);
    assert.equal(s.phase, 'Running');
    assert.equal(s.conditions.find((c) => c.type === 'Ready')?.status, 'True');
    assert.equal(s.containerStatuses[0].image, 'docker.io/library/busybox:1.36');
    assert.equal(s.containerStatuses[0].imageID, 'docker.io/library/busybox@sha256:def');
    assert.match(s.containerStatuses[0].containerID ?? '', /^runc:\/\//);
    assert.deepEqual(s.podIPs, [{ ip: '10.42.0.5' }]);
  });

  it('CrashLoopBackOff keeps the phase Running and shows the last termination', () => {
    const s = status(pod(), [
      { name: 'app', current: rc('app', 'exited', { exitCode: 1, reason: 'Error', attempt: 2, finishedAt: NOW }), waiting: { reason: 'CrashLoopBackOff', message: 'back-off 20s' } },
      { name: 'side', current: rc('side', 'running'), ready: true },
    ]);
    assert.equal(s.phase, 'Running');
    assert.equal(s.containerStatuses[0].state.waiting?.reason, 'CrashLoopBackOff');
    assert.equal(s.containerStatuses[0].lastState.terminated?.exitCode, 1);
    assert.equal(s.containerStatuses[0].restartCount, 2);
    assert.equal(s.containerStatuses[0].ready, false);
  });

  it('Succeeded and Failed by restartPolicy', () => {
    const done = (code: number): ContainerView[] => [
      { name: 'app', current: rc('app', 'exited', { exitCode: code, reason: code ? 'Error' : 'Completed' }) },
      { name: 'side', current: rc('side', 'exited', { exitCode: 0, reason: 'Completed' }) },
    ];
    assert.equal(status(pod({ restartPolicy: 'Never' }), done(0)).phase, 'Succeeded');
    assert.equal(status(pod({ restartPolicy: 'Never' }), done(3)).phase, 'Failed');
    assert.equal(status(pod({ restartPolicy: 'OnFailure' }), done(0)).phase, 'Succeeded');
    assert.equal(status(pod({ restartPolicy: 'OnFailure' }), done(3)).phase, 'Running');
    const ok = status(pod({ restartPolicy: 'Never' }), done(0));
    assert.equal(ok.conditions.find((c) => c.type === 'Ready')?.reason, 'PodCompleted');
  });

  it('init containers: Pending with PodInitializing, Failed under Never', () => {
    const p = pod({ initContainers: [{ name: 'setup', image: 'busybox' }] });
    const s = status(p, [], [{ name: 'setup', current: rc('setup', 'running') }]);
    assert.equal(s.phase, 'Pending');
    assert.equal(s.containerStatuses[0].state.waiting?.reason, 'PodInitializing');
    assert.equal(s.conditions.find((c) => c.type === 'Initialized')?.message, 'containers with incomplete status: [setup]');
    const failed = status({ ...p, spec: { ...p.spec, restartPolicy: 'Never' } }, [], [{ name: 'setup', current: rc('setup', 'exited', { exitCode: 1 }) }]);
    assert.equal(failed.phase, 'Failed');
    const done = status(p, [], [{ name: 'setup', current: rc('setup', 'exited', { exitCode: 0, reason: 'Completed' }) }]);
    assert.equal(done.conditions.find((c) => c.type === 'Initialized')?.status, 'True');
    assert.equal(done.containerStatuses[0].state.waiting?.reason, 'ContainerCreating');
  });

  it('keeps lastTransitionTime while a condition holds', () => {
    const p = pod();
    p.status!.conditions!.push({ type: 'Ready', status: 'False', lastTransitionTime: '2026-11-22T09:30:00Z' });
    const s = status(p, []);
    assert.equal(s.conditions.find((c) => c.type === 'Ready')?.lastTransitionTime, '2026-11-22T09:30:00Z');
    assert.equal(s.conditions.find((c) => c.type === 'Initialized')?.lastTransitionTime, NOW);
  });
});
