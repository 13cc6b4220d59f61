import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { Container, Pod, Probe } from '../../api/types/core/pod/index.js';
import { FakeClock } from './fake-clock.js';
import { ProbeManager } from './probe-manager.js';
import type { ExecFn, ProbeEvent, ProbeKind, ProbeOutcome } from './types.js';

const S = 1000;

/** An exec whose exit codes are scripted per command name (the last one repeats); calls are logged
 *  with the fake time they happened at. A negative code throws (the exec could not run); `slow`
 *  commands take that long on the fake clock. */
function scriptedExec(clock: FakeClock, script: Record<string, number[]>, slowMs: Record<string, number> = {}) {
  const calls: Array<{ cmd: string; at: number; id: string }> = [];
  const exec: ExecFn = async (id, cmd) => {
    const name = cmd[0];
    calls.push({ cmd: name, at: clock.now(), id });
    const codes = script[name] ?? [0];
    const code = codes.length > 1 ? codes.shift()! : codes[0];
    if (slowMs[name]) await new Promise<void>((r) => clock.setTimeout(r, slowMs[name]));
    if (code < 0) throw new Error(`cannot exec ${name}`);
    return { exitCode: code, stdout: Buffer.from(`${name} said ${code}`), stderr: Buffer.alloc(0), timedOut: false };
  };
  return { exec, calls, times: (name: string) => calls.filter((c) => c.cmd === name).map((c) => (c.at - START) / S) };
}

const START = 1_700_000_000_000;
const pod: Pod = { metadata: { name: 'web', namespace: 'default', uid: 'pod-1' }, spec: { restartPolicy: 'Always' } };
const probe = (cmd: string, extra: Probe = {}): Probe => ({ exec: { command: [cmd] }, periodSeconds: 10, ...extra });

function setup(script: Record<string, number[]>, slowMs: Record<string, number> = {}) {
  const clock = new FakeClock(START);
  const ex = scriptedExec(clock, script, slowMs);
  const results: Array<{ kind: ProbeKind; at: number } & ProbeOutcome> = [];
  const events: ProbeEvent[] = [];
  const m = new ProbeManager({
    exec: ex.exec,
    clock,
    random: () => 0,
    onResult: (_uid, _name, kind, o) => results.push({ kind, at: (clock.now() - START) / S, ...o }),
    onEvent: (_pod, _name, type, reason, message) => events.push({ type, reason, message }),
  });
  const add = (container: Container, containerId = 'c-1', p: Pod = pod) =>
    m.addContainer({ podUid: 'pod-1', podIP: '10.42.0.9', pod: p, container, containerId, startedAt: clock.now() });
  return { clock, ex, m, results, events, add };
}

let current: ProbeManager | undefined;
afterEach(() => current?.close());

describe('ProbeManager', () => {
  it('reports a container without probes ready and started, and one it does not know as neither', () => {
    const t = setup({});
    current = t.m;
    t.add({ name: 'app' });
    assert.equal(t.m.readiness('pod-1', 'app'), true);
    assert.equal(t.m.started('pod-1', 'app'), true);
    assert.equal(t.m.readiness('pod-1', 'other'), false);
    assert.equal(t.m.started('pod-1', 'other'), undefined);
  });

  it('starts not ready, probes every period, and reports each change of readiness', async () => {
    const t = setup({ ready: [1, 0, 0, 1, 0] });
    current = t.m;
    t.add({ name: 'app', readinessProbe: probe('ready', { failureThreshold: 1 }) });
    assert.equal(t.m.readiness('pod-1', 'app'), false);
    await t.clock.advance(0);
    await t.clock.advance(40 * S);
    assert.deepEqual(t.ex.times('ready'), [0, 10, 20, 30, 40]);
    assert.deepEqual(t.results.map((r) => [r.kind, r.result, r.at]), [
      ['readiness', 'failure', 0], ['readiness', 'success', 10], ['readiness', 'failure', 30], ['readiness', 'success', 40],
    ]);
    assert.equal(t.m.readiness('pod-1', 'app'), true);
    assert.deepEqual(t.events.map((e) => e.message), ['Readiness probe failed: ready said 1', 'Readiness probe failed: ready said 1']);
  });

  it('needs successThreshold successes in a row to become ready', async () => {
    const t = setup({ ready: [0, 1, 0, 0] });
    current = t.m;
    t.add({ name: 'app', readinessProbe: probe('ready', { successThreshold: 2, failureThreshold: 1 }) });
    await t.clock.advance(0);
    await t.clock.advance(30 * S);
    assert.deepEqual(t.results.map((r) => [r.result, r.at]), [['failure', 0], ['success', 30]]);
  });

  it('fails liveness after failureThreshold failures, then holds until a new container id', async () => {
    const t = setup({ live: [0, 1, 1, 1] });
    current = t.m;
    const c: Container = { name: 'app', livenessProbe: probe('live') };
    t.add(c);
    await t.clock.advance(0);
    await t.clock.advance(60 * S);
    assert.deepEqual(t.ex.times('live'), [0, 10, 20, 30], 'no probing of a container about to be killed');
    const fail = t.results.find((r) => r.result === 'failure')!;
    assert.deepEqual([fail.kind, fail.at, fail.containerId, fail.output], ['liveness', 30, 'c-1', 'live said 1']);
    assert.equal(t.m.result('pod-1', 'app', 'liveness'), 'failure');
    t.add(c, 'c-2'); // restarted
    assert.equal(t.m.result('pod-1', 'app', 'liveness'), undefined);
    await t.clock.advance(0);
    assert.equal(t.m.result('pod-1', 'app', 'liveness'), 'success');
    assert.deepEqual(t.ex.calls.at(-1), { cmd: 'live', at: START + 60 * S, id: 'c-2' });
  });

  it('waits for initialDelaySeconds after the container started', async () => {
    const t = setup({});
    current = t.m;
    t.add({ name: 'app', livenessProbe: probe('live', { initialDelaySeconds: 15 }) });
    await t.clock.advance(0);
    await t.clock.advance(40 * S);
    assert.deepEqual(t.ex.times('live'), [20, 30, 40]);
  });

  it('keeps liveness and readiness idle until the startup probe succeeded, then probes readiness at once', async () => {
    const t = setup({ start: [1, 1, 0], ready: [0], live: [0] });
    current = t.m;
    t.add({
      name: 'app', startupProbe: probe('start', { failureThreshold: 30 }),
      readinessProbe: probe('ready'), livenessProbe: probe('live'),
    });
    await t.clock.advance(0);
    assert.equal(t.m.started('pod-1', 'app'), false);
    await t.clock.advance(19 * S);
    assert.deepEqual(t.ex.times('ready'), []);
    assert.deepEqual(t.ex.times('live'), []);
    await t.clock.advance(1 * S);
    assert.equal(t.m.started('pod-1', 'app'), true);
    assert.equal(t.m.readiness('pod-1', 'app'), true);
    assert.deepEqual(t.ex.times('start'), [0, 10, 20]);
    assert.deepEqual(t.ex.times('ready'), [20]);
    await t.clock.advance(20 * S);
    assert.deepEqual(t.ex.times('start'), [0, 10, 20], 'startup is not probed once it succeeded');
    assert.deepEqual(t.ex.times('live'), [20, 30, 40]);
  });

  it('fails startup after failureThreshold and holds', async () => {
    const t = setup({ start: [1] });
    current = t.m;
    t.add({ name: 'app', startupProbe: probe('start', { failureThreshold: 2 }) });
    await t.clock.advance(0);
    await t.clock.advance(30 * S);
    assert.deepEqual(t.results.map((r) => [r.kind, r.result, r.at]), [['startup', 'unknown', 0], ['startup', 'failure', 10]]);
    assert.deepEqual(t.ex.times('start'), [0, 10]);
    assert.equal(t.m.started('pod-1', 'app'), false);
  });

  it('throws away rounds whose probe errored, after recording the error', async () => {
    const t = setup({ live: [-1, -1, -1, -1, -1, -1, 1] });
    current = t.m;
    t.add({ name: 'app', livenessProbe: probe('live', { failureThreshold: 1 }) });
    await t.clock.advance(0);
    await t.clock.advance(10 * S);
    assert.equal(t.ex.times('live').length, 6, 'three tries a round');
    assert.deepEqual(t.results.map((r) => r.result), ['success']);
    assert.deepEqual(t.events.map((e) => e.message), ['Liveness probe errored: cannot exec live', 'Liveness probe errored: cannot exec live']);
    await t.clock.advance(10 * S);
    assert.deepEqual(t.results.map((r) => r.result), ['success', 'failure']);
  });

  it('runs a readiness probe at once when asked while the container is not ready', async () => {
    const t = setup({ ready: [1, 0] });
    current = t.m;
    t.add({ name: 'app', readinessProbe: probe('ready', { failureThreshold: 1 }) });
    await t.clock.advance(3 * S);
    assert.equal(t.m.readiness('pod-1', 'app'), false);
    await t.clock.advance(0);
    assert.deepEqual(t.ex.times('ready'), [0, 3]);
    assert.equal(t.m.readiness('pod-1', 'app'), true);
    await t.clock.advance(7 * S);
    assert.deepEqual(t.ex.times('ready'), [0, 3, 10], 'the ticker keeps its phase');
  });

  it('follows a probe slower than its period at once, keeping the ticker\'s phase', async () => {
    const t = setup({}, { live: 15 * S });
    current = t.m;
    t.add({ name: 'app', livenessProbe: probe('live') });
    await t.clock.advance(0);
    await t.clock.advance(50 * S);
    assert.deepEqual(t.ex.times('live'), [0, 15, 30, 45]);
  });

  it('ends liveness and startup probing quietly for a pod being deleted, not readiness', async () => {
    const t = setup({ live: [0, 1], ready: [0] });
    current = t.m;
    t.add({ name: 'app', livenessProbe: probe('live', { failureThreshold: 1 }), readinessProbe: probe('ready') });
    await t.clock.advance(0);
    t.m.updatePod({ ...pod, metadata: { ...pod.metadata, deletionTimestamp: '2024-01-01T00:00:00Z' } });
    await t.clock.advance(30 * S);
    assert.deepEqual(t.ex.times('live'), [0]);
    assert.deepEqual(t.ex.times('ready'), [0, 10, 20, 30]);
    assert.ok(!t.results.some((r) => r.kind === 'liveness' && r.result === 'failure'));
  });

  it('stops every worker on removeContainer, removePod and close', async () => {
    const t = setup({});
    current = t.m;
    t.add({ name: 'app', livenessProbe: probe('live'), readinessProbe: probe('ready') });
    t.add({ name: 'side', livenessProbe: probe('live') });
    await t.clock.advance(0);
    t.m.removeContainer('pod-1', 'app');
    assert.equal(t.m.readiness('pod-1', 'app'), false);
    assert.equal(t.clock.pending(), 1);
    t.m.removePod('pod-1');
    assert.equal(t.clock.pending(), 0);
    const before = t.ex.calls.length;
    await t.clock.advance(60 * S);
    assert.equal(t.ex.calls.length, before);
    t.add({ name: 'app', livenessProbe: probe('live') });
    t.m.close();
    assert.equal(t.clock.pending(), 0);
  });

  it('spreads the first probes over a period right after the agent started', async () => {
    const clock = new FakeClock(START);
    const ex = scriptedExec(clock, {});
    const m = new ProbeManager({ exec: ex.exec, clock, random: () => 0.5, onResult: () => undefined });
    current = m;
    m.addContainer({ podUid: 'p', pod, container: { name: 'a', livenessProbe: probe('live') }, containerId: 'x', startedAt: clock.now() });
    await clock.advance(4 * S);
    assert.deepEqual(ex.times('live'), []);
    await clock.advance(1 * S);
    assert.deepEqual(ex.times('live'), [5]);
  });
});
