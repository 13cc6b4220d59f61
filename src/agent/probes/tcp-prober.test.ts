import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tcpProbe } from './tcp-prober.js';
import { closedPort, startTcpServer } from './test-servers.js';

describe('tcpProbe', () => {
  it('succeeds when the port accepts a connection, and closes it', async () => {
    let closed!: Promise<void>;
    const server = await startTcpServer((s) => { closed = new Promise((r) => s.on('close', () => r())); s.resume(); });
    try {
      assert.deepEqual(await tcpProbe('127.0.0.1', server.port, 1000), { result: 'success', output: '' });
      await closed;
    } finally {
      await server.close();
    }
  });

  it('fails with the dial error when nobody listens', async () => {
    const port = await closedPort();
    assert.deepEqual(await tcpProbe('127.0.0.1', port, 1000),
      { result: 'failure', output: `dial tcp 127.0.0.1:${port}: connect: connection refused` });
  });
});
