import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLASS_IN, Flag, RCode, RRType, type Message, type ResourceRecord } from './wire/index.js';
import { cacheSeconds, UpstreamCache } from './upstream-cache.js';

const a = (ttl: number): ResourceRecord => ({ name: 'x.example', type: RRType.A, class: CLASS_IN, ttl, data: { t: 'A', address: '192.0.2.1' } });
const soa = (ttl: number, minimum: number): ResourceRecord => ({
  name: 'example', type: RRType.SOA, class: CLASS_IN, ttl, data: { t: 'SOA', mname: 'ns', rname: 'h', serial: 1, refresh: 1, retry: 1, expire: 1, minimum },
});
const msg = (rcode: number, answers: ResourceRecord[], authority: ResourceRecord[] = [], flags = 0): Message => ({
  id: 1, flags: Flag.QR | flags | rcode, questions: [{ name: 'x.example', type: RRType.A, class: CLASS_IN }], answers, authority, additional: [],
});

test('answers are kept for their smallest TTL up to 30 s; denials up to 5 s; errors and truncated answers not at all', () => {
  assert.equal(cacheSeconds(msg(RCode.NOERROR, [a(300)])), 30);
  assert.equal(cacheSeconds(msg(RCode.NOERROR, [a(300), a(12)])), 12);
  assert.equal(cacheSeconds(msg(RCode.NXDOMAIN, [], [soa(3600, 900)])), 5);
  assert.equal(cacheSeconds(msg(RCode.NXDOMAIN, [], [soa(3600, 2)])), 2);
  assert.equal(cacheSeconds(msg(RCode.NOERROR, [], [soa(1, 60)])), 1);
  assert.equal(cacheSeconds(msg(RCode.NXDOMAIN, [])), 5);
  assert.equal(cacheSeconds(msg(RCode.SERVFAIL, [])), 0);
  assert.equal(cacheSeconds(msg(RCode.REFUSED, [])), 0);
  assert.equal(cacheSeconds(msg(RCode.NOERROR, [a(300)], [], Flag.TC)), 0);
  assert.equal(cacheSeconds(msg(RCode.NOERROR, [a(0)])), 0);
});

test('entries expire and the cache stays within its bound, oldest first', () => {
  let now = 1_000_000;
  const c = new UpstreamCache(3, () => now);
  const e = c.set('a', msg(RCode.NOERROR, [a(10)]));
  assert.equal(e.expiresAt, now + 10_000);
  assert.equal(c.get('a')?.msg.answers[0].ttl, 10);
  now += 10_000;
  assert.equal(c.get('a'), undefined);
  assert.equal(c.set('err', msg(RCode.SERVFAIL, [])).expiresAt, 0);
  assert.equal(c.get('err'), undefined);
  for (const k of ['k1', 'k2', 'k3', 'k4']) c.set(k, msg(RCode.NOERROR, [a(30)]));
  assert.equal(c.size, 3);
  assert.equal(c.get('k1'), undefined);
  assert.ok(c.get('k4'));
});
