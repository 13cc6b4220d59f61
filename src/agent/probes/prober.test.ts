import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Container, Pod } from '../../api/types/core/pod/index.js';
import { runProbe, type ProbeContext } from './prober.js';
import { startHttpServer, startTcpServer, type TestServer } from './test-servers.js';
import type { ExecFn } from './types.js';

const pod: Pod = { metadata: { name: 'web', namespace: 'default', uid: 'u-1' } };

function ctx(container: Container, exec: ExecFn = async () => ({ exitCode: 0, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), timedOut: false })): ProbeContext {
  return { pod, podIP: '127.0.0.1', container, containerId: 'cid', exec };
}

describe('runProbe', () => {
  let server: TestServer;
  before(async () => {
    server = await startHttpServer((req, res) => {
      if (req.url === '/ok') res.end('fine');
      else if (req.url === '/moved') { res.writeHead(302, { location: 'http://localhost/' }); res.end('elsewhere'); }
      else { res.statusCode = 503; res.end(); }
    });
  });
  after(() => server.close());

  it('runs an exec probe with $(VAR) expanded from literal env and the timeout in seconds', async () => {
    const calls: Array<[string[], number]> = [];
    const exec: ExecFn = async (_id, cmd, timeoutMs) => {
      calls.push([cmd, timeoutMs]);
      return { exitCode: 1, stdout: Buffer.from('not yet\n'), stderr: Buffer.alloc(0), timedOut: false };
    };
    const c: Container = { name: 'app', env: [{ name: 'FILE', value: '/tmp/ready' }] };
    const r = await runProbe('readiness', { exec: { command: ['cat', '$(FILE)'] }, timeoutSeconds: 2 }, ctx(c, exec));
    assert.deepEqual(calls, [[['cat', '/tmp/ready'], 2000]]);
    assert.deepEqual(r, {
      result: 'failure', output: 'not yet\n',
      event: { type: 'Warning', reason: 'Unhealthy', message: 'Readiness probe failed: not yet\n' },
    });
  });

  it('retries an exec that errors three times, then reports the error to be thrown away', async () => {
    let n = 0;
    const exec: ExecFn = async () => { n++; throw new Error('container not running'); };
    const r = await runProbe('liveness', { exec: { command: ['true'] } }, ctx({ name: 'app' }, exec));
    assert.equal(n, 3);
    assert.deepEqual(r, {
      result: 'failure', output: '', error: 'container not running',
      event: { type: 'Warning', reason: 'Unhealthy', message: 'Liveness probe errored: container not running' },
    });
  });

  it('runs httpGet against the pod IP, with a warning for a redirect it does not follow', async () => {
    const c: Container = { name: 'app', ports: [{ name: 'web', containerPort: server.port }] };
    assert.deepEqual(await runProbe('readiness', { httpGet: { port: 'web', path: '/ok' } }, ctx(c)), { result: 'success', output: 'fine' });
    assert.deepEqual(await runProbe('liveness', { httpGet: { port: server.port, path: '/bad' } }, ctx(c)), {
      result: 'failure', output: 'HTTP probe failed with statuscode: 503',
      event: { type: 'Warning', reason: 'Unhealthy', message: 'Liveness probe failed: HTTP probe failed with statuscode: 503' },
    });
    assert.deepEqual(await runProbe('startup', { httpGet: { port: server.port, path: '/moved' } }, ctx(c)), {
      result: 'success', output: 'Probe terminated redirects, Response body: elsewhere',
      event: { type: 'Warning', reason: 'ProbeWarning', message: 'Startup probe warning: Probe terminated redirects, Response body: elsewhere' },
    });
  });

  it('reports a port that cannot be resolved as a probe error', async () => {
    const r = await runProbe('readiness', { tcpSocket: { port: 'nope' } }, ctx({ name: 'app' }));
    assert.equal(r.error, 'strconv.Atoi: parsing "nope": invalid syntax');
    assert.equal(r.event?.message, 'Readiness probe errored: strconv.Atoi: parsing "nope": invalid syntax');
  });

  it('runs tcpSocket against a named port', async () => {
    const tcp = await startTcpServer((s) => s.resume());
    try {
      const c: Container = { name: 'app', ports: [{ name: 'db', containerPort: tcp.port }] };
      assert.deepEqual(await runProbe('liveness', { tcpSocket: { port: 'db' } }, ctx(c)), { result: 'success', output: '' });
    } finally {
      await tcp.close();
    }
  });

  it('errors on a probe without a handler', async () => {
    const r = await runProbe('liveness', { periodSeconds: 10 }, ctx({ name: 'app' }));
    assert.equal(r.error, 'missing probe handler for web_default(u-1):app');
  });
});
