import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DnsFormatError } from './format-error.js';
import { isSubdomain, lowerName, nameLabels, nameToWire, readName, splitName } from './name.js';

test('names encode to labels and read back; escapes keep dots and odd bytes inside labels', () => {
  assert.deepEqual([...nameToWire('web.default.svc.cluster.local')], [3, 119, 101, 98, 7, 100, 101, 102, 97, 117, 108, 116, 3, 115, 118, 99, 7, 99, 108, 117, 115, 116, 101, 114, 5, 108, 111, 99, 97, 108, 0]);
  assert.deepEqual([...nameToWire('')], [0]);
  assert.deepEqual([...nameToWire('a.')], [1, 97, 0]);
  const odd = Buffer.from([3, 0x61, 0x2e, 0x62, 2, 0x00, 0x5c, 0]);
  const r = readName(odd, 0);
  assert.equal(r.name, 'a\\.b.\\000\\\\');
  assert.equal(r.end, odd.length);
  assert.deepEqual(nameToWire(r.name), odd);
  assert.deepEqual(splitName(r.name), ['a\\.b', '\\000\\\\']);
});

test('names that cannot be encoded are refused', () => {
  assert.throws(() => nameLabels('a..b'), /empty label/);
  assert.throws(() => nameLabels(`${'x'.repeat(64)}.com`), /longer than 63/);
  assert.throws(() => nameLabels(Array.from({ length: 60 }, () => 'abcd').join('.')), /longer than 255/);
});

test('compression pointers are followed backwards only; loops and forward pointers are format errors', () => {
  // "svc" at 0, then "web" + pointer to 0 at 5.
  const msg = Buffer.from([3, 115, 118, 99, 0, 3, 119, 101, 98, 0xc0, 0]);
  assert.deepEqual(readName(msg, 5), { name: 'web.svc', end: 11 });
  assert.throws(() => readName(Buffer.from([0xc0, 0]), 0), DnsFormatError);
  assert.throws(() => readName(Buffer.from([1, 97, 0xc0, 0]), 0), DnsFormatError);
  assert.throws(() => readName(Buffer.from([0xc0, 4, 0, 0, 1, 97, 0xc0, 0]), 0), DnsFormatError);
  assert.throws(() => readName(Buffer.from([5, 97]), 0), DnsFormatError);
  assert.throws(() => readName(Buffer.from([0x40, 0]), 0), DnsFormatError);
});

test('case folding and zone membership', () => {
  assert.equal(lowerName('Web.Default.SVC'), 'web.default.svc');
  assert.ok(isSubdomain('a.cluster.local', 'cluster.local'));
  assert.ok(isSubdomain('cluster.local', 'cluster.local'));
  assert.ok(!isSubdomain('xcluster.local', 'cluster.local'));
  assert.ok(!isSubdomain('a\\.cluster.local', 'cluster.local'));
  assert.ok(isSubdomain('a\\\\.cluster.local', 'cluster.local'));
  assert.ok(isSubdomain('anything', ''));
});
