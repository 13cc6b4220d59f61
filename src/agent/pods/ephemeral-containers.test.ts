import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/types/core/pod/index.js';
import type { ContainerStatus as RuntimeContainer } from '../runtime/index.js';
import { ephemeralNames, ephemeralToStart } from './ephemeral-containers.js';
import { computePodStatus, type ContainerView } from './pod-status.js';

const NOW = '2026-11-22T10:00:00Z';

function rc(name: string, state: RuntimeContainer['state'], extra: Partial<RuntimeContainer> = {}): RuntimeContainer {
  return {
    id: `${name}-id`.padEnd(64, '0'), sandboxId: 's', name, attempt: 0, state, image: 'busybox:1.36', imageId: 'sha256:abc',
    imageRef: 'docker.io/library/busybox@sha256:def', createdAt: '2026-11-22T09:59:00Z', startedAt: '2026-11-22T09:59:01Z',
    logPath: '/x', labels: {}, annotations: {}, ...extra,
  };
}

function pod(): Pod {
  return {
    metadata: { name: 'web', namespace: 'dev', uid: 'u1' },
    spec: {
      containers: [{ name: 'app', image: 'busybox:1.36' }],
      ephemeralContainers: [
        { name: 'dbg', image: 'busybox:1.36', targetContainerName: 'app' },
        { name: 'plain', image: 'busybox:1.36' },
      ],
    },
    status: { phase: 'Running' },
  };
}

const views = (...vs: ContainerView[]): Map<string, ContainerView> => new Map(vs.map((v) => [v.name, v]));

describe('ephemeral containers', () => {
  it('start once each; a targeted one waits for its target to run and joins its PID namespace', () => {
    assert.deepEqual(ephemeralNames(pod()), new Set(['dbg', 'plain']));
    const none = ephemeralToStart(pod(), views({ name: 'app' }));
    assert.deepEqual(none.map((e) => [e.container.name, e.pidNamespaceOf]), [['plain', undefined]]);
    const app = rc('app', 'running');
    const both = ephemeralToStart(pod(), views({ name: 'app', current: app }));
    assert.deepEqual(both.map((e) => [e.container.name, e.pidNamespaceOf]), [['dbg', app.id], ['plain', undefined]]);
    const later = ephemeralToStart(pod(), views({ name: 'app', current: app }, { name: 'dbg', current: rc('dbg', 'exited', { exitCode: 0 }) },
      { name: 'plain', current: rc('plain', 'running') }));
    assert.deepEqual(later, [], 'never restarted');
  });

  it('are reported in ephemeralContainerStatuses, never ready, and count for neither phase nor readiness', () => {
    const s = computePodStatus({
      pod: pod(), hostIP: '10.0.0.1', podIPs: ['10.42.0.5'], startTime: NOW, sandboxReady: true, init: [],
      containers: [{ name: 'app', current: rc('app', 'running'), ready: true }],
      ephemeral: [{ name: 'dbg', current: rc('dbg', 'exited', { exitCode: 1, reason: 'Error', finishedAt: '2026-11-22T09:59:30Z' }) }],
      now: NOW,
    });
    assert.equal(s.phase, 'Running');
    assert.equal(s.conditions.find((c) => c.type === 'Ready')?.status, 'True');
    const [dbg, plain] = s.ephemeralContainerStatuses ?? [];
    assert.equal(dbg.name, 'dbg');
    assert.equal(dbg.state.terminated?.exitCode, 1);
    assert.equal(dbg.ready, false);
    assert.equal(dbg.restartCount, 0);
    assert.equal('started' in dbg, false);
    assert.equal(plain.name, 'plain');
    assert.equal(plain.state.waiting?.reason, 'ContainerCreating');
    const without = computePodStatus({
      pod: { ...pod(), spec: { containers: pod().spec!.containers } }, hostIP: '10.0.0.1', podIPs: [], startTime: NOW, sandboxReady: true,
      init: [], containers: [], now: NOW,
    });
    assert.equal(without.ephemeralContainerStatuses, undefined);
  });
});
