import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measureDnsQps } from './dns-bench.js';
import { runBenchClient } from './dns-bench-client.js';
import { startFakeUpstream } from './fake-upstream.js';
import { CLASS_IN, RRType } from './wire/index.js';

test('the load generator gets every query answered, in this thread or a worker', async () => {
  const server = await startFakeUpstream([{ name: 'a.example', type: RRType.A, class: CLASS_IN, ttl: 60, data: { t: 'A', address: '192.0.2.1' } }]);
  try {
    const questions = [{ name: 'a.example', qtype: RRType.A }, { name: 'b.example', qtype: RRType.A }];
    const here = await runBenchClient({ server: server.address, questions, queries: 500, window: 16, maxMs: 20_000 });
    assert.equal(here.answered, 500);
    assert.ok(here.p99Ms >= here.p50Ms);
    const worker = await measureDnsQps({ server: server.address, questions, queries: 500, window: 16, maxMs: 20_000 });
    assert.equal(worker.answered, 500);
    assert.ok(server.queries.length >= 1000);
  } finally {
    await server.stop();
  }
});
