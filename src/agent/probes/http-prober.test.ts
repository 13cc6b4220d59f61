import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { httpProbe } from './http-prober.js';
import { newHttpGetRequest } from './http-request.js';
import { closedPort, startHttpServer, startHttpsServer, startTcpServer, type TestServer } from './test-servers.js';
import type { Container, HTTPGetAction } from '../../api/types/core/pod/index.js';

const container: Container = { name: 'web', ports: [{ name: 'http', containerPort: 0 }] };

function request(server: TestServer, action: HTTPGetAction) {
  return newHttpGetRequest({ port: server.port, ...action }, container, '127.0.0.1', 'probe');
}

describe('httpProbe', () => {
  let server: TestServer;
  before(async () => {
    server = await startHttpServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      switch (url.pathname) {
        case '/healthz': res.end('ok'); break;
        case '/fail': res.statusCode = 500; res.end('secret body'); break;
        case '/redirect': res.writeHead(302, { location: '/healthz' }); res.end(); break;
        case '/away': res.writeHead(301, { location: `http://localhost:${server.port}/healthz` }); res.end('moved'); break;
        case '/loop': {
          const n = Number(url.searchParams.get('n') ?? 0);
          res.writeHead(302, { location: `/loop?n=${n + 1}` });
          res.end();
          break;
        }
        case '/big': res.end('y'.repeat(20 * 1024)); break;
        case '/hang': break; // never answers
        case '/stall': res.writeHead(200, { 'content-length': '100' }); res.write('partial'); break;
        case '/notmodified': res.statusCode = 304; res.end(); break;
        default: res.statusCode = 404; res.end();
      }
    });
  });
  after(() => server.close());

  it('succeeds on 200 with the body as output, sending the kubelet\'s headers', async () => {
    const before = server.requests.length;
    const r = await httpProbe(request(server, { path: '/healthz?x=1', httpHeaders: [{ name: 'x-custom-header', value: 'v' }] }), 1000);
    assert.deepEqual(r, { result: 'success', output: 'ok' });
    const req = server.requests[before];
    assert.equal(req.url, '/healthz?x=1');
    assert.equal(req.headers['user-agent'], 'kube-probe/1.32');
    assert.equal(req.headers.accept, '*/*');
    assert.equal(req.headers.host, `127.0.0.1:${server.port}`);
    assert.equal(req.headers.connection, 'close');
    assert.ok(req.rawHeaders.includes('X-Custom-Header'));
  });

  it('lets headers override Host, User-Agent and drop Accept', async () => {
    const before = server.requests.length;
    await httpProbe(request(server, { path: '/healthz', httpHeaders: [
      { name: 'Host', value: 'example.com' }, { name: 'User-Agent', value: 'mine' }, { name: 'Accept', value: '' },
    ] }), 1000);
    const req = server.requests[before];
    assert.equal(req.headers.host, 'example.com');
    assert.equal(req.headers['user-agent'], 'mine');
    assert.equal(req.headers.accept, undefined);
  });

  it('fails on 500 without quoting the body', async () => {
    assert.deepEqual(await httpProbe(request(server, { path: '/fail' }), 1000),
      { result: 'failure', output: 'HTTP probe failed with statuscode: 500' });
  });

  it('follows a redirect on the same host', async () => {
    const before = server.requests.length;
    assert.deepEqual(await httpProbe(request(server, { path: '/redirect' }), 1000), { result: 'success', output: 'ok' });
    assert.equal(server.requests[before + 1].url, '/healthz');
    assert.equal(server.requests[before + 1].headers.referer, `http://127.0.0.1:${server.port}/redirect`);
  });

  it('does not follow a redirect to another host: a success with a warning', async () => {
    assert.deepEqual(await httpProbe(request(server, { path: '/away' }), 1000),
      { result: 'warning', output: 'Probe terminated redirects, Response body: moved' });
    assert.deepEqual(await httpProbe(request(server, { path: '/notmodified' }), 1000),
      { result: 'warning', output: 'Probe terminated redirects, Response body: ' });
  });

  it('gives up after 10 redirects', async () => {
    assert.deepEqual(await httpProbe(request(server, { path: '/loop' }), 2000),
      { result: 'failure', output: 'Get "/loop?n=10": stopped after 10 redirects' });
  });

  it('keeps 10 KiB of a long body', async () => {
    const r = await httpProbe(request(server, { path: '/big' }), 1000);
    assert.equal(r.result, 'success');
    assert.equal(r.output.length, 10 * 1024);
  });

  it('fails with Go\'s words when the connection is refused', async () => {
    const port = await closedPort();
    const req = newHttpGetRequest({ port, path: '/healthz' }, container, '127.0.0.1', 'probe');
    assert.deepEqual(await httpProbe(req, 1000), {
      result: 'failure',
      output: `Get "http://127.0.0.1:${port}/healthz": dial tcp 127.0.0.1:${port}: connect: connection refused`,
    });
  });

  it('fails when no answer comes within the timeout', async () => {
    assert.deepEqual(await httpProbe(request(server, { path: '/hang' }), 200), {
      result: 'failure',
      output: `Get "http://127.0.0.1:${server.port}/hang": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
    });
  });

  it('is a probe error when the body does not arrive in time', async () => {
    const r = await httpProbe(request(server, { path: '/stall' }), 200);
    assert.deepEqual(r, { result: 'failure', output: '', error: 'context deadline exceeded (Client.Timeout or context cancellation while reading body)' });
  });

  it('reads a connection closed without an answer as EOF', async () => {
    const tcp = await startTcpServer((s) => s.once('data', () => s.end()));
    try {
      const req = newHttpGetRequest({ port: tcp.port, path: '/' }, container, '127.0.0.1', 'probe');
      assert.deepEqual(await httpProbe(req, 1000), { result: 'failure', output: `Get "http://127.0.0.1:${tcp.port}/": EOF` });
    } finally {
      await tcp.close();
    }
  });

  it('speaks HTTPS without checking the certificate', async () => {
    const tls = await startHttpsServer((_req, res) => res.end('secure'));
    try {
      const req = newHttpGetRequest({ port: tls.port, path: '/', scheme: 'HTTPS' }, container, '127.0.0.1', 'probe');
      assert.deepEqual(await httpProbe(req, 2000), { result: 'success', output: 'secure' });
    } finally {
      await tls.close();
    }
  });

  it('says so when an HTTPS probe meets a plain HTTP server', async () => {
    const req = newHttpGetRequest({ port: server.port, path: '/healthz', scheme: 'HTTPS' }, container, '127.0.0.1', 'probe');
    assert.deepEqual(await httpProbe(req, 1000), {
      result: 'failure',
      output: `Get "https://127.0.0.1:${server.port}/healthz": http: server gave HTTP response to HTTPS client`,
    });
  });
});

describe('newHttpGetRequest', () => {
  it('resolves named ports, defaults the host to the pod IP and escapes the path', () => {
    const c: Container = { name: 'web', ports: [{ name: 'http', containerPort: 8080 }] };
    const r = newHttpGetRequest({ port: 'http', path: 'a b/c?q=1#frag' }, c, '10.42.0.5', 'lifecycle');
    assert.deepEqual([r.scheme, r.host, r.port, r.target, r.hostHeader], ['http', '10.42.0.5', 8080, '/a%20b/c?q=1', '']);
    assert.deepEqual(r.headers, [['User-Agent', 'kube-lifecycle/1.32'], ['Accept', '*/*']]);
    assert.throws(() => newHttpGetRequest({ port: 'metrics' }, c, '10.42.0.5', 'probe'), { message: 'strconv.Atoi: parsing "metrics": invalid syntax' });
  });
});
