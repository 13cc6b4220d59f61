import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorString } from './field-errors.js';
import { isDualStackPair, isIP, isIPv6, parseCIDR, validateCIDR, validateIP, validateNonSpecialIP } from './ip-address.js';

test('parses IPv4 (leading zeros allowed) and IPv6 forms', () => {
  for (const ok of ['10.43.0.1', '010.043.000.001', '::', '::1', 'fe80::1', '2001:db8::ffff', '::ffff:10.0.0.1', '1:2:3:4:5:6:7:8']) assert.ok(isIP(ok), ok);
  for (const bad of ['10.43.0', '10.43.0.256', '1.2.3.4.5', ':::', '1:2:3:4:5:6:7:8:9', '2001:db8::g', '', 'None', '1::2::3']) assert.ok(!isIP(bad), bad);
  assert.ok(isIPv6('2001:db8::1'));
  assert.ok(!isIPv6('::ffff:10.0.0.1'));
  assert.ok(isDualStackPair(['10.0.0.1', 'fd00::1']));
  assert.ok(!isDualStackPair(['10.0.0.1', '10.0.0.2']));
  assert.deepEqual(parseCIDR('10.42.0.0/16')?.bits, 16);
  assert.equal(parseCIDR('10.42.0.0/33'), undefined);
});

test('messages as Kubernetes words them', () => {
  assert.deepEqual(validateIP('spec.clusterIP', 'x').map(fieldErrorString), ['spec.clusterIP: Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']);
  assert.deepEqual(validateCIDR('p', '10.0.0.0').map(fieldErrorString), ['p: Invalid value: "10.0.0.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)']);
  assert.deepEqual(validateNonSpecialIP('ip', '0.0.0.0').map(fieldErrorString), ['ip: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)']);
  assert.deepEqual(validateNonSpecialIP('ip', '169.254.1.1').map(fieldErrorString), ['ip: Invalid value: "169.254.1.1": may not be in the link-local range (169.254.0.0/16, fe80::/10)']);
  assert.deepEqual(validateNonSpecialIP('ip', '224.0.0.5').map(fieldErrorString), ['ip: Invalid value: "224.0.0.5": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)']);
  assert.deepEqual(validateNonSpecialIP('ip', '10.42.0.5'), []);
});
