import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildQuery } from './build-query.js';
import { CLASS_IN, Flag, RCode, RRType } from './constants.js';
import { decodeMessage } from './message.js';
import { prepareAnswer, renderRejection, renderResponse } from './prepared-answer.js';
import { parseQuery, type ParsedQuery } from './query.js';
import type { ResourceRecord } from './records.js';

const NAME = 'db.default.svc.cluster.local';
const a = (ip: string, name = NAME): ResourceRecord => ({ name, type: RRType.A, class: CLASS_IN, ttl: 5, data: { t: 'A', address: ip } });
const soa: ResourceRecord = {
  name: 'cluster.local', type: RRType.SOA, class: CLASS_IN, ttl: 5,
  data: { t: 'SOA', mname: 'ns.dns.cluster.local', rname: 'hostmaster.cluster.local', serial: 1, refresh: 7200, retry: 1800, expire: 86400, minimum: 5 },
};

function ask(name: string, edns?: { do?: boolean }): { buf: Buffer; q: ParsedQuery } {
  const buf = buildQuery(name, RRType.A, { id: 4242, edns });
  const q = parseQuery(buf);
  assert.equal(q.kind, 'query');
  return { buf, q: q as ParsedQuery };
}

test('a rendered answer decodes with the query id, its question as asked, owner names pointing at it', () => {
  const p = prepareAnswer(NAME, { answer: [a('10.42.0.5'), a('10.42.0.6')], authority: [], additional: [] }, Flag.AA);
  const { buf, q } = ask('DB.default.svc.cluster.local');
  const out = renderResponse(buf, q, p, { limit: 512 });
  const m = decodeMessage(out);
  assert.equal(m.id, 4242);
  assert.equal(m.flags, Flag.QR | Flag.AA | Flag.RD);
  assert.deepEqual(m.questions, [{ name: 'DB.default.svc.cluster.local', type: RRType.A, class: CLASS_IN }]);
  assert.deepEqual(m.answers.map((r) => [r.name, (r.data as { address: string }).address]), [
    ['DB.default.svc.cluster.local', '10.42.0.5'], ['DB.default.svc.cluster.local', '10.42.0.6'],
  ]);
  assert.equal(out.length, 12 + 30 + 4 + 2 * 16, 'owners are 2-byte pointers');
  assert.equal(m.edns, undefined);
});

test('rotation moves address records round-robin; TTL override rewrites every record', () => {
  const p = prepareAnswer(NAME, { answer: [a('10.0.0.1'), a('10.0.0.2'), a('10.0.0.3')], authority: [], additional: [] }, Flag.AA);
  assert.ok(p.rotatable);
  const { buf, q } = ask(NAME);
  const order = (rotate: number): string[] => decodeMessage(renderResponse(buf, q, p, { limit: 512, rotate }))
    .answers.map((r) => (r.data as { address: string }).address);
  assert.deepEqual(order(1), ['10.0.0.2', '10.0.0.3', '10.0.0.1']);
  assert.deepEqual(order(5), ['10.0.0.3', '10.0.0.1', '10.0.0.2']);
  const ttl = decodeMessage(renderResponse(buf, q, p, { limit: 512, ttl: 17 })).answers.map((r) => r.ttl);
  assert.deepEqual(ttl, [17, 17, 17]);
});

test('UDP truncation keeps whole records, sets TC only when answers are cut, and keeps the OPT record', () => {
  const answers = Array.from({ length: 40 }, (_, i) => a(`10.42.1.${i}`));
  const p = prepareAnswer(NAME, { answer: answers, authority: [soa], additional: [] }, Flag.AA);
  const { buf, q } = ask(NAME, { do: true });
  const small = renderResponse(buf, q, p, { limit: 512 });
  assert.ok(small.length <= 512);
  const m = decodeMessage(small);
  assert.ok(m.flags & Flag.TC);
  // 512 - header 12 - question 34 - OPT 11 leaves room for 28 records of 16 bytes.
  assert.equal(m.answers.length, 28);
  assert.equal(m.authority.length, 0);
  assert.deepEqual({ size: m.edns?.udpSize, do: m.edns?.flags }, { size: 1232, do: 0x8000 });
  const big = decodeMessage(renderResponse(buf, q, p, { limit: 4096 }));
  assert.equal(big.flags & Flag.TC, 0);
  assert.equal(big.answers.length, 40);
  assert.equal(big.authority.length, 1);

  const extra = prepareAnswer(NAME, { answer: [a('10.0.0.1')], authority: [], additional: answers }, Flag.AA);
  const cut = decodeMessage(renderResponse(buf, q, extra, { limit: 512 }));
  assert.equal(cut.flags & Flag.TC, 0, 'dropping additional records is not truncation');
  assert.equal(cut.answers.length, 1);
  assert.ok(cut.additional.length < 40);
});

test('rejections echo the id and, when it parsed, the question', () => {
  const buf = buildQuery('a.b', RRType.A, { id: 77 });
  buf.writeUInt16BE(1, 10);
  const r = parseQuery(buf);
  assert.equal(r.kind, 'reject');
  if (r.kind !== 'reject') return;
  const m = decodeMessage(renderRejection(buf, r));
  assert.equal(m.id, 77);
  assert.equal(m.flags & 0xf, RCode.FORMERR);
  assert.ok(m.flags & Flag.QR);
  assert.deepEqual(m.questions, [{ name: 'a.b', type: RRType.A, class: CLASS_IN }]);
});
