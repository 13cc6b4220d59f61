import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startApiFixture, type ApiFixture } from '../../testing/index.js';
import type { ResourceClient } from '../../client/index.js';
import { DEFAULT_SIMULATION, loadNodeTemplate, type SimulationConfig } from './config.js';
import { startSimulatedNodes, type SimulatedNodes } from './simulated-nodes.js';
import type { PodObject } from './types.js';

const PODS = { group: '', version: 'v1', resource: 'pods' };

async function until<T>(fn: () => Promise<T | undefined>, what: string, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function pod(name: string, node: string, restartPolicy = 'Always'): PodObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName: node, restartPolicy, containers: [{ name: 'c', image: 'pause' }] } };
}

describe('simulated nodes against an API server', () => {
  let fx: ApiFixture;
  let pods: ResourceClient<PodObject>;
  const running: SimulatedNodes[] = [];
  const start = async (config: Partial<SimulationConfig>, numbering: 'fixed' | 'free', count = 2): Promise<SimulatedNodes> => {
    const s = await startSimulatedNodes({
      clientset: fx.clientset, count, template: loadNodeTemplate(undefined), numbering, log: () => {},
      config: { ...DEFAULT_SIMULATION, ...config },
    });
    running.push(s);
    return s;
  };
  const get = (name: string): Promise<PodObject> => pods.get(name);

  before(async () => {
    fx = await startApiFixture();
    pods = fx.clientset.resource<PodObject>(PODS).namespace('default');
  });
  after(async () => {
    for (const s of running) await s.stop();
    await fx.stop();
  });

  it('shows ContainerCreating during the startup delay, then Running; fails pods per failureProbability', async () => {
    const sim = await start({ startupDelaySeconds: 0.5, runSeconds: 0.2, failureProbability: 1 }, 'fixed');
    assert.deepEqual(sim.names, ['sim-node-0', 'sim-node-1']);
    await pods.create(pod('slow', 'sim-node-0'));
    const pending = await until(async () => { const p = await get('slow'); return p.status?.phase === 'Pending' && p.status.hostIP ? p : undefined; }, 'Pending status');
    assert.deepEqual((pending.status?.containerStatuses as Array<{ state: unknown }>)[0].state, { waiting: { reason: 'ContainerCreating' } });
    const up = await until(async () => { const p = await get('slow'); return p.status?.phase === 'Running' ? p : undefined; }, 'Running');
    assert.equal(up.status?.podIP, '10.42.0.2');

    await pods.create(pod('fails', 'sim-node-1', 'OnFailure'));
    const failed = await until(async () => { const p = await get('fails'); return p.status?.phase === 'Failed' ? p : undefined; }, 'Failed');
    const term = (failed.status?.containerStatuses as Array<{ state: { terminated: { exitCode: number; reason: string } } }>)[0].state.terminated;
    assert.deepEqual([term.exitCode, term.reason], [1, 'Error']);

    // The exit-code annotation decides for its pod, whatever the probability says.
    const annotated = (name: string, code: string): PodObject => {
      const p = pod(name, 'sim-node-1', 'Never');
      p.metadata.annotations = { 'navarch.io/simulated-exit-code': code };
      return p;
    };
    await pods.create(annotated('exits-3', '3'));
    await pods.create(annotated('exits-0', '0'));
    const three = await until(async () => { const p = await get('exits-3'); return p.status?.phase === 'Failed' ? p : undefined; }, 'exits-3 Failed');
    const t3 = (three.status?.containerStatuses as Array<{ state: { terminated: { exitCode: number; reason: string } } }>)[0].state.terminated;
    assert.deepEqual([t3.exitCode, t3.reason], [3, 'Error']);
    await until(async () => ((await get('exits-0')).status?.phase === 'Succeeded' ? true : undefined), 'exits-0 Succeeded');
    await sim.stop();
  });

  it('after a restart, adopts running pods with their addresses and hands new pods other ones', async () => {
    const sim = await start({}, 'fixed');
    const ipOf = async (name: string): Promise<string> => until(async () => { const p = await get(name); return p.status?.phase === 'Running' ? p.status.podIP : undefined; }, `${name} Running`);
    const slowIP = await ipOf('slow');
    assert.equal(slowIP, '10.42.0.2');
    await pods.create(pod('second', 'sim-node-0'));
    assert.equal(await ipOf('second'), '10.42.0.3');
    await sim.stop();
  });

  it('gives a joining agent the lowest numbers not held by a live lease', async () => {
    const held = await start({ leaseDurationSeconds: 1, leaseRenewSeconds: 0.3 }, 'fixed');
    const agent = await start({}, 'free', 2);
    assert.deepEqual(agent.names, ['sim-node-2', 'sim-node-3']);
    await agent.stop();
    await held.stop();
    // sim-node-0 and 1 stop renewing their 1 s leases; 2 and 3 hold 40 s ones.
    await new Promise((r) => setTimeout(r, 1500));
    const next = await start({}, 'free', 3);
    assert.deepEqual(next.names, ['sim-node-0', 'sim-node-1', 'sim-node-4']);
    await next.stop();
  });

  it('deletes a pod after reporting it terminated, well within its grace period', async () => {
    const sim = await start({ terminationDelaySeconds: 0.3 }, 'fixed');
    await until(async () => ((await get('second')).status?.phase === 'Running' ? true : undefined), 'second Running');
    const t0 = Date.now();
    const marked = await pods.delete('second', { gracePeriodSeconds: 30 });
    assert.ok(marked?.metadata.deletionTimestamp, 'graceful deletion leaves the pod for the node to finish');
    await until(async () => {
      try { await get('second'); return undefined; } catch (err) { return (err as { code?: number }).code === 404 ? true : undefined; }
    }, 'pod gone');
    assert.ok(Date.now() - t0 < 10_000);
    await sim.stop();
  });
});
