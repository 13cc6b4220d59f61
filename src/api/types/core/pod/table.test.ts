import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../../meta/object-meta.js';
import { podTable, summarizePod } from './table.js';
import { podtemplates } from './pod-template.js';
import type { Pod } from './types.js';

const now = new Date('2024-05-01T12:00:00Z');
const ago = (s: number): string => new Date(now.getTime() - s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function pod(spec: Record<string, unknown>, status: Record<string, unknown>, meta: Record<string, unknown> = {}): Pod {
  return { metadata: { name: 'p', creationTimestamp: ago(300), ...meta }, spec, status } as Pod;
}

const two = { containers: [{ name: 'a' }, { name: 'b' }] };

describe('pod table', () => {
  it('shows a running pod with wide columns', () => {
    const p = pod({ ...two, nodeName: 'node-1' }, {
      phase: 'Running', podIP: '10.42.0.5', podIPs: [{ ip: '10.42.0.5' }],
      containerStatuses: [
        { name: 'a', ready: true, restartCount: 0, state: { running: { startedAt: ago(200) } } },
        { name: 'b', ready: false, restartCount: 0, state: { running: { startedAt: ago(200) } } },
      ],
    });
    assert.deepEqual(podTable.cells(p as KObject, now), ['1/2', 'Running', '0', '5m', '10.42.0.5', 'node-1', '<none>', '<none>']);
  });

  it('shows waiting reasons and restarts with the time of the last one', () => {
    const p = pod(two, {
      phase: 'Running',
      containerStatuses: [
        { name: 'a', ready: true, restartCount: 0, state: { running: {} } },
        { name: 'b', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } },
          lastState: { terminated: { exitCode: 1, finishedAt: ago(120) } } },
      ],
    });
    assert.deepEqual(summarizePod(p, now), { ready: '1/2', status: 'CrashLoopBackOff', restarts: '3 (2m ago)' });
  });

  it('shows init container progress and failures', () => {
    const spec = { initContainers: [{ name: 'i1' }, { name: 'i2' }], containers: [{ name: 'a' }] };
    const waiting = pod(spec, { phase: 'Pending', initContainerStatuses: [
      { name: 'i1', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
      { name: 'i2', state: { running: {} } },
    ], containerStatuses: [{ name: 'a', state: { waiting: { reason: 'PodInitializing' } } }] });
    assert.equal(summarizePod(waiting, now).status, 'Init:1/2');
    const failed = pod(spec, { phase: 'Pending', initContainerStatuses: [
      { name: 'i1', restartCount: 2, state: { terminated: { exitCode: 2 } } },
    ] });
    assert.deepEqual(summarizePod(failed, now), { ready: '0/1', status: 'Init:ExitCode:2', restarts: '2' });
    const pulling = pod(spec, { phase: 'Pending', initContainerStatuses: [{ name: 'i1', state: { waiting: { reason: 'ErrImagePull' } } }] });
    assert.equal(summarizePod(pulling, now).status, 'Init:ErrImagePull');
  });

  it('counts started sidecars as ready containers', () => {
    const spec = { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }], containers: [{ name: 'a' }] };
    const p = pod(spec, {
      phase: 'Running', conditions: [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'True' }],
      initContainerStatuses: [{ name: 'proxy', started: true, ready: true, restartCount: 1, state: { running: {} } }],
      containerStatuses: [{ name: 'a', ready: true, restartCount: 0, state: { running: {} } }],
    });
    assert.deepEqual(summarizePod(p, now), { ready: '2/2', status: 'Running', restarts: '1' });
  });

  it('shows completed, pending, terminating, gated and lost pods', () => {
    const done = pod({ containers: [{ name: 'a' }] }, { phase: 'Succeeded', containerStatuses: [
      { name: 'a', ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] });
    assert.equal(summarizePod(done, now).status, 'Completed');
    assert.equal(summarizePod(pod({ containers: [{ name: 'a' }] }, { phase: 'Pending' }), now).status, 'Pending');
    const terminating = pod({ containers: [{ name: 'a' }] }, { phase: 'Running' }, { deletionTimestamp: ago(1) });
    assert.equal(summarizePod(terminating, now).status, 'Terminating');
    const lost = pod({ containers: [{ name: 'a' }] }, { phase: 'Running', reason: 'NodeLost' }, { deletionTimestamp: ago(1) });
    assert.equal(summarizePod(lost, now).status, 'Unknown');
    const gated = pod({ containers: [{ name: 'a' }] }, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] });
    assert.equal(summarizePod(gated, now).status, 'SchedulingGated');
    const evicted = pod({ containers: [{ name: 'a' }] }, { phase: 'Failed', reason: 'Evicted' });
    assert.equal(summarizePod(evicted, now).status, 'Evicted');
  });

  it('shows readiness gates', () => {
    const p = pod({ containers: [{ name: 'a' }], readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }] },
      { phase: 'Running', conditions: [{ type: 'example.com/lb', status: 'True' }] });
    assert.equal(podTable.cells(p as KObject, now)[7], '1/2');
    assert.deepEqual(podTable.columns.map((c) => [c.name, c.priority]), [
      ['Ready', 0], ['Status', 0], ['Restarts', 0], ['Age', 0], ['IP', 1], ['Node', 1], ['Nominated Node', 1], ['Readiness Gates', 1],
    ]);
  });

  it('lists pod templates by containers, images and labels', () => {
    const t = { metadata: { name: 't' }, template: { metadata: { labels: { tier: 'web', app: 'x' } }, spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'redis' }] } } };
    assert.deepEqual(podtemplates.table!.cells(t as KObject, now), ['a,b', 'nginx,redis', 'app=x,tier=web']);
  });
});
