import assert from 'node:assert/strict';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { grpcProbe } from './grpc-prober.js';
import { closedPort, startHttpServer } from './test-servers.js';

/** Reads HealthCheckRequest.service out of one framed message (field 1, short strings only). */
function requestedService(body: Buffer): string {
  const msg = body.subarray(5);
  return msg.length === 0 ? '' : msg.subarray(2, 2 + msg[1]).toString('utf8');
}

/** A gRPC health server written for the test: per service, SERVING / NOT_SERVING / unknown / hang. */
function startHealthServer() {
  const seen: Array<{ service: string; headers: http2.IncomingHttpHeaders }> = [];
  const server = http2.createServer();
  server.on('stream', (stream, headers) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const service = requestedService(Buffer.concat(chunks));
      seen.push({ service, headers });
      if (service === 'hang') return;
      if (service === 'missing') {
        stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '5', 'grpc-message': 'unknown%20service' }, { endStream: true });
        return;
      }
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      stream.end(Buffer.from([0, 0, 0, 0, 2, 0x08, service === 'down' ? 2 : 1]));
    });
  });
  return new Promise<{ port: number; seen: typeof seen; close: () => Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({
      port: (server.address() as AddressInfo).port,
      seen,
      close: () => new Promise<void>((r) => server.close(() => r())),
    }));
  });
}

describe('grpcProbe', () => {
  let health: Awaited<ReturnType<typeof startHealthServer>>;
  before(async () => { health = await startHealthServer(); });
  after(() => health.close());

  it('succeeds when the service is SERVING, asking for the named service', async () => {
    assert.deepEqual(await grpcProbe('127.0.0.1', 'api', health.port, 2000), { result: 'success', output: 'service healthy' });
    const last = health.seen.at(-1)!;
    assert.equal(last.service, 'api');
    assert.equal(last.headers['content-type'], 'application/grpc');
    assert.match(String(last.headers['user-agent']), /^kube-probe\/1\.32 /);
    assert.deepEqual(await grpcProbe('127.0.0.1', '', health.port, 2000), { result: 'success', output: 'service healthy' });
    assert.equal(health.seen.at(-1)!.service, '');
  });

  it('fails when the service is NOT_SERVING', async () => {
    assert.deepEqual(await grpcProbe('127.0.0.1', 'down', health.port, 2000),
      { result: 'failure', output: 'service unhealthy (responded with "NOT_SERVING")' });
  });

  it('quotes the status of a failed call', async () => {
    assert.deepEqual(await grpcProbe('127.0.0.1', 'missing', health.port, 2000),
      { result: 'failure', output: 'error: health rpc probe failed: rpc error: code = NotFound desc = unknown service' });
  });

  it('fails with a timeout when the call does not complete', async () => {
    assert.deepEqual(await grpcProbe('127.0.0.1', 'hang', health.port, 300),
      { result: 'failure', output: 'timeout: health rpc did not complete within 300ms' });
  });

  it('fails with a connect timeout when nothing listens (grpc-go dials with WithBlock)', async () => {
    const port = await closedPort();
    assert.deepEqual(await grpcProbe('127.0.0.1', '', port, 300),
      { result: 'failure', output: `timeout: failed to connect service "127.0.0.1:${port}" within 300ms: context deadline exceeded` });
  });

  it('says a server without the health service over HTTP/2 does not implement it', async () => {
    const plain = http2.createServer();
    plain.on('stream', (stream) => { stream.respond({ ':status': 404, 'content-type': 'text/plain' }); stream.end('no'); });
    await new Promise<void>((r) => plain.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (plain.address() as AddressInfo).port;
      assert.deepEqual(await grpcProbe('127.0.0.1', '', port, 2000), {
        result: 'failure',
        output: 'error: this server does not implement the grpc health protocol (grpc.health.v1.Health): '
          + 'unexpected HTTP status code received from server: 404 (Not Found); transport: received unexpected content-type "text/plain"',
      });
    } finally {
      await new Promise<void>((r) => plain.close(() => r()));
    }
  });

  it('cannot connect to an HTTP/1 server and times out', async () => {
    const h1 = await startHttpServer((_req, res) => res.end('hi'));
    try {
      const r = await grpcProbe('127.0.0.1', '', h1.port, 300);
      assert.equal(r.result, 'failure');
      assert.match(r.output, /^timeout: failed to connect service "127\.0\.0\.1:\d+" within 300ms/);
    } finally {
      await h1.close();
    }
  });
});
