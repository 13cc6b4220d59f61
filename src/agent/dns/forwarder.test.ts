import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeUpstream, type FakeUpstream } from './fake-upstream.js';
import { Forwarder } from './forwarder.js';
import { CLASS_IN, RCode, RRType, rcodeOf, type ResourceRecord } from './wire/index.js';

const a = (name: string, ip: string): ResourceRecord => ({ name, type: RRType.A, class: CLASS_IN, ttl: 60, data: { t: 'A', address: ip } });
const q = (name: string, qtype = RRType.A) => ({ name, qtype, qclass: CLASS_IN, do: false, cd: false });

async function withUpstreams(records: ResourceRecord[], n: number, fn: (ups: FakeUpstream[]) => Promise<void>): Promise<void> {
  const ups: FakeUpstream[] = [];
  try {
    for (let i = 0; i < n; i++) ups.push(await startFakeUpstream(records));
    await fn(ups);
  } finally {
    for (const u of ups) await u.stop();
  }
}

test('forwards over UDP and returns the upstream answer, NXDOMAIN included', async () => {
  await withUpstreams([a('www.example', '192.0.2.1')], 1, async ([up]) => {
    const f = new Forwarder({ upstreams: [up.address], timeoutMs: 1000 });
    try {
      const m = await f.query(q('WWW.example'));
      assert.deepEqual(m.answers.map((r) => r.data), [{ t: 'A', address: '192.0.2.1' }]);
      const nx = await f.query(q('nope.example'));
      assert.equal(rcodeOf(nx), RCode.NXDOMAIN);
      assert.deepEqual(up.queries, ['WWW.example 1 udp', 'nope.example 1 udp']);
    } finally {
      f.close();
    }
  });
});

test('a truncated UDP answer is asked again over TCP', async () => {
  const many = Array.from({ length: 100 }, (_, i) => a('big.example', `192.0.2.${i + 1}`));
  await withUpstreams(many, 1, async ([up]) => {
    const f = new Forwarder({ upstreams: [up.address], timeoutMs: 1000 });
    try {
      const m = await f.query(q('big.example'));
      assert.equal(m.answers.length, 100);
      assert.deepEqual(up.queries, ['big.example 1 udp', 'big.example 1 tcp']);
    } finally {
      f.close();
    }
  });
});

test('an upstream that does not answer is skipped for the next; none answering rejects', async () => {
  await withUpstreams([a('www.example', '192.0.2.1')], 2, async ([dead, live]) => {
    dead.silent = true;
    const f = new Forwarder({ upstreams: [dead.address, live.address], timeoutMs: 200 });
    try {
      const m = await f.query(q('www.example'));
      assert.equal(m.answers.length, 1);
      assert.equal(dead.queries.length, 1);
      live.silent = true;
      await assert.rejects(f.query(q('www.example')), /Cannot resolve www\.example upstream: .* did not answer in 200 ms/);
    } finally {
      f.close();
    }
  });
  const none = new Forwarder({ upstreams: [] });
  await assert.rejects(none.query(q('x')), /no upstream resolvers/);
});
