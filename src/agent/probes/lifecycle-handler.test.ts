import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Pod } from '../../api/types/core/pod/index.js';
import { FakeClock, settle } from './fake-clock.js';
import { runLifecycleHandler, type LifecycleTarget } from './lifecycle-handler.js';
import { closedPort, startHttpServer, type TestServer } from './test-servers.js';
import type { ExecFn } from './types.js';

const pod: Pod = { metadata: { name: 'web', namespace: 'default', uid: 'u-1' } };
const target: LifecycleTarget = { pod, podIP: '127.0.0.1', container: { name: 'app' }, containerId: 'cid' };
const noExec: ExecFn = async () => { throw new Error('unexpected exec'); };

function exec(exitCode: number, stdout = '', stderr = ''): { fn: ExecFn; calls: Array<[string, string[], number]> } {
  const calls: Array<[string, string[], number]> = [];
  return {
    calls,
    fn: async (id, cmd, timeoutMs) => {
      calls.push([id, cmd, timeoutMs]);
      return { exitCode, stdout: Buffer.from(stdout), stderr: Buffer.from(stderr), timedOut: false };
    },
  };
}

describe('runLifecycleHandler', () => {
  let server: TestServer;
  before(async () => {
    server = await startHttpServer((req, res) => {
      if (req.url === '/hang') return;
      res.statusCode = req.url === '/error' ? 500 : 200;
      res.end('bye');
    });
  });
  after(() => server.close());

  it('runs an exec hook in the container without a timeout of its own', async () => {
    const e = exec(0, 'done');
    assert.deepEqual(await runLifecycleHandler({ exec: { command: ['sh', '-c', 'echo done'] } }, target, { exec: e.fn }), { ok: true, events: [] });
    assert.deepEqual(e.calls, [['cid', ['sh', '-c', 'echo done'], 2_147_483_647]]);
  });

  it('words a failed exec hook as the kubelet does', async () => {
    const e = exec(3, 'out\n', 'oops\n');
    const r = await runLifecycleHandler({ exec: { command: ['sh', '-c', 'exit 3'] } }, target, { exec: e.fn, kind: 'postStart' });
    assert.equal(r.ok, false);
    assert.deepEqual(r.events, [{ type: 'Warning', reason: 'FailedPostStartHook', message: 'PostStartHook failed' }]);
    assert.equal(r.message, 'Exec lifecycle hook ([sh -c exit 3]) for Container "app" in Pod "web_default(u-1)" failed - '
      + 'error: command \'sh -c exit 3\' exited with 3: oops\n, message: "out\\noops\\n"');
    const gone = await runLifecycleHandler({ exec: { command: ['true'] } }, target, { exec: async () => { throw new Error('container is not running'); } });
    assert.equal(gone.message, 'Exec lifecycle hook ([true]) for Container "app" in Pod "web_default(u-1)" failed - error: container is not running, message: ""');
  });

  it('takes any HTTP answer as success, sending kube-lifecycle as user agent', async () => {
    const before = server.requests.length;
    assert.deepEqual(await runLifecycleHandler({ httpGet: { port: server.port, path: '/error' } }, target, { exec: noExec }), { ok: true, events: [] });
    assert.equal(server.requests[before].headers['user-agent'], 'kube-lifecycle/1.32');
    assert.equal(server.requests[before].url, '/error');
  });

  it('fails an HTTP hook whose request fails', async () => {
    const port = await closedPort();
    const r = await runLifecycleHandler({ httpGet: { port, path: '/hook' } }, target, { exec: noExec, kind: 'preStop' });
    assert.deepEqual(r.events, [{ type: 'Warning', reason: 'FailedPreStopHook', message: 'PreStopHook failed' }]);
    assert.equal(r.message, `HTTP lifecycle hook (/hook) for Container "app" in Pod "web_default(u-1)" failed - error: `
      + `Get "http://127.0.0.1:${port}/hook": dial tcp 127.0.0.1:${port}: connect: connection refused`);
  });

  it('retries an HTTPS hook answered in plain HTTP over HTTP, with a warning event', async () => {
    const before = server.requests.length;
    const r = await runLifecycleHandler({ httpGet: { port: server.port, path: '/x', scheme: 'HTTPS' } }, target, { exec: noExec });
    assert.deepEqual(r, { ok: true, events: [{
      type: 'Warning', reason: 'LifecycleHTTPFallback',
      message: `request to HTTPS lifecycle hook 127.0.0.1:${server.port} got HTTP response, retry with HTTP succeeded`,
    }] });
    assert.equal(server.requests.length, before + 1);
  });

  it('gives up an HTTP hook when the signal aborts', async () => {
    const ac = new AbortController();
    const pending = runLifecycleHandler({ httpGet: { port: server.port, path: '/hang' } }, target, { exec: noExec, signal: ac.signal });
    await settle();
    ac.abort();
    const r = await pending;
    assert.equal(r.message, `HTTP lifecycle hook (/hang) for Container "app" in Pod "web_default(u-1)" failed - error: `
      + `Get "http://127.0.0.1:${server.port}/hang": context canceled`);
  });

  it('sleeps, and fails when cut short', async () => {
    const clock = new FakeClock();
    let done = false;
    const p = runLifecycleHandler({ sleep: { seconds: 5 } }, target, { exec: noExec, clock }).then((r) => { done = true; return r; });
    await clock.advance(4999);
    assert.equal(done, false);
    await clock.advance(1);
    assert.deepEqual(await p, { ok: true, events: [] });

    const ac = new AbortController();
    const cut = runLifecycleHandler({ sleep: { seconds: 30 } }, target, { exec: noExec, clock, signal: ac.signal });
    await clock.advance(1000);
    ac.abort();
    assert.equal((await cut).message,
      'Sleep lifecycle hook (30) for Container "app" in Pod "web_default(u-1)" failed - error: container terminated before sleep hook finished');
    assert.equal(clock.pending(), 0);
  });

  it('fails a hook that outlives timeoutMs', async () => {
    const clock = new FakeClock();
    const slow = runLifecycleHandler({ sleep: { seconds: 60 } }, target, { exec: noExec, clock, timeoutMs: 2000, kind: 'preStop' });
    await clock.advance(2000);
    const r = await slow;
    assert.equal(r.ok, false);
    assert.equal(r.events[0].reason, 'FailedPreStopHook');
    const e = exec(0);
    await runLifecycleHandler({ exec: { command: ['sleep', '60'] } }, target, { exec: e.fn, timeoutMs: 2000 });
    assert.equal(e.calls[0][2], 2000);
    const hang = await runLifecycleHandler({ httpGet: { port: server.port, path: '/hang' } }, target, { exec: noExec, timeoutMs: 100 });
    assert.equal(hang.message, `HTTP lifecycle hook (/hang) for Container "app" in Pod "web_default(u-1)" failed - error: `
      + `Get "http://127.0.0.1:${server.port}/hang": context deadline exceeded`);
  });

  it('cannot run a tcpSocket hook', async () => {
    const r = await runLifecycleHandler({ tcpSocket: { port: 8080 } }, target, { exec: noExec });
    assert.equal(r.message, 'Cannot run handler: invalid handler: &LifecycleHandler{Exec:nil,HTTPGet:nil,TCPSocket:&TCPSocketAction{Port:{0 8080 },Host:,},Sleep:nil,}');
  });

  it('needs a pod IP when the HTTP hook names no host', async () => {
    const r = await runLifecycleHandler({ httpGet: { port: 80, path: '/' } }, { ...target, podIP: undefined }, { exec: noExec });
    assert.match(r.message ?? '', /^HTTP lifecycle hook \(\/\) for Container "app" in Pod "web_default\(u-1\)" failed - error: failed to find networking container/);
  });
});
