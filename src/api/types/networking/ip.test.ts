import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cidrContains, parseCIDR, parseIP, specialIPProblems } from './ip.js';

test('parses IPv4 (leading zeros allowed, as legacy fields do) and IPv6', () => {
  assert.equal(parseIP('10.0.0.1')?.v4, true);
  assert.equal(parseIP('010.000.000.001')?.v4, true);
  assert.equal(parseIP('256.0.0.1'), undefined);
  assert.equal(parseIP('1.2.3'), undefined);
  assert.equal(parseIP('example.com'), undefined);
  assert.equal(parseIP('2001:db8::1')?.v4, false);
  assert.equal(parseIP('::')?.v4, false);
  assert.equal(parseIP('::ffff:1.2.3.4')?.v4, true);
  assert.equal(parseIP('1:2:3:4:5:6:7:8')?.v4, false);
  assert.equal(parseIP('1:2:3:4:5:6:7:8:9'), undefined);
  assert.equal(parseIP('1::2::3'), undefined);
  assert.deepEqual([...(parseIP('fe80::1:2')?.bytes ?? [])], [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2]);
});

test('CIDRs: prefix range per family, host bits cleared, containment', () => {
  assert.equal(parseCIDR('10.0.0.0/33'), undefined);
  assert.equal(parseCIDR('10.0.0.0'), undefined);
  assert.equal(parseCIDR('2001:db8::/129'), undefined);
  const net = parseCIDR('10.1.2.3/16');
  assert.ok(net);
  assert.equal(net.prefix, 16);
  assert.ok(cidrContains(net, parseIP('10.1.200.1')!));
  assert.ok(!cidrContains(net, parseIP('10.2.0.0')!));
  assert.ok(!cidrContains(net, parseIP('::a01:1')!));
  assert.ok(cidrContains(parseCIDR('0.0.0.0/0')!, parseIP('8.8.8.8')!));
});

test('special endpoint addresses are refused', () => {
  assert.deepEqual(specialIPProblems('10.42.0.5'), []);
  assert.deepEqual(specialIPProblems('127.0.0.1'), ['may not be in the loopback range (127.0.0.0/8, ::1/128)']);
  assert.deepEqual(specialIPProblems('0.0.0.0'), ['may not be unspecified (0.0.0.0)']);
  assert.deepEqual(specialIPProblems('169.254.1.1'), ['may not be in the link-local range (169.254.0.0/16, fe80::/10)']);
  assert.deepEqual(specialIPProblems('ff02::1'), ['may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)']);
  assert.deepEqual(specialIPProblems('::1'), ['may not be in the loopback range (127.0.0.0/8, ::1/128)']);
});
