import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildQuery } from './build-query.js';
import { Flag, RCode, RRType } from './constants.js';
import { parseQuery } from './query.js';

test('a plain query parses to id, question, flags and a lowercase key', () => {
  const a = parseQuery(buildQuery('Web.Default.SVC.cluster.local', RRType.A, { id: 7 }));
  const b = parseQuery(buildQuery('web.default.svc.cluster.local', RRType.A, { id: 8 }));
  assert.equal(a.kind, 'query');
  assert.equal(b.kind, 'query');
  if (a.kind !== 'query' || b.kind !== 'query') return;
  assert.equal(a.id, 7);
  assert.equal(a.qtype, RRType.A);
  assert.equal(a.qclass, 1);
  assert.ok(a.flags & Flag.RD);
  assert.equal(a.key, b.key);
  assert.equal(a.edns, undefined);
  assert.equal(a.qEnd, 12 + 31 + 4);
  const aaaa = parseQuery(buildQuery('web.default.svc.cluster.local', RRType.AAAA, { id: 8 }));
  assert.ok(aaaa.kind === 'query' && aaaa.key !== a.key);
});

test('EDNS: payload size, version and DO are read; DO and CD are part of the cache key', () => {
  const q = parseQuery(buildQuery('example.com', RRType.A, { id: 1, edns: { do: true, options: Buffer.from([0, 10, 0, 0]) } }));
  assert.ok(q.kind === 'query');
  if (q.kind !== 'query') return;
  assert.deepEqual({ ...q.edns, options: [...q.edns!.options] }, { udpSize: 1232, version: 0, do: true, options: [0, 10, 0, 0] });
  const plain = parseQuery(buildQuery('example.com', RRType.A, { id: 1 }));
  const cd = parseQuery(buildQuery('example.com', RRType.A, { id: 1, cd: true }));
  assert.ok(plain.kind === 'query' && cd.kind === 'query');
  if (plain.kind !== 'query' || cd.kind !== 'query') return;
  assert.notEqual(q.key, plain.key);
  assert.notEqual(cd.key, plain.key);
});

test('responses and runts are ignored; other opcodes are NOTIMP; bad questions are FORMERR', () => {
  assert.equal(parseQuery(Buffer.alloc(5)).kind, 'ignore');
  const resp = buildQuery('a.b', RRType.A, { id: 1 });
  resp.writeUInt16BE(Flag.QR, 2);
  assert.equal(parseQuery(resp).kind, 'ignore');
  const notify = buildQuery('a.b', RRType.SOA, { id: 1 });
  notify.writeUInt16BE(4 << 11, 2);
  assert.deepEqual(parseQuery(notify), { kind: 'reject', id: 1, flags: 4 << 11, rcode: RCode.NOTIMP, qEnd: 12 });
  const none = buildQuery('a.b', RRType.A, { id: 2 });
  none.writeUInt16BE(0, 4);
  assert.equal((parseQuery(none) as { rcode: number }).rcode, RCode.FORMERR);
  const cut = buildQuery('a.b', RRType.A, { id: 3 }).subarray(0, 16);
  assert.equal((parseQuery(cut) as { rcode: number }).rcode, RCode.FORMERR);
  const pointer = Buffer.concat([buildQuery('a', RRType.A, { id: 4 }).subarray(0, 12), Buffer.from([0xc0, 0, 0, 1, 0, 1])]);
  assert.equal((parseQuery(pointer) as { rcode: number }).rcode, RCode.FORMERR);
  const badAdditional = buildQuery('a.b', RRType.A, { id: 5 });
  badAdditional.writeUInt16BE(1, 10);
  const r = parseQuery(badAdditional);
  assert.ok(r.kind === 'reject' && r.rcode === RCode.FORMERR && r.qEnd === 12 + 5 + 4, 'the question is kept for the reply');
});

test('random bytes never throw', () => {
  let seed = 99;
  const rand = (): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed; };
  const base = buildQuery('kubernetes.default.svc.cluster.local', RRType.A, { id: 1, edns: {} });
  for (let i = 0; i < 5000; i++) {
    const b = i % 2 ? Buffer.from(base) : Buffer.alloc(rand() % 64, rand() & 0xff);
    for (let j = 0; j < 1 + (rand() % 6); j++) if (b.length) b[rand() % b.length] = rand() & 0xff;
    const r = parseQuery(b);
    assert.ok(['query', 'reject', 'ignore'].includes(r.kind));
  }
});
