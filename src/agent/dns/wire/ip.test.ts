import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatIPv4, formatIPv6, parseIP, parseIPv4, parseIPv6 } from './ip.js';

test('IPv4 parsing is strict: four decimal octets, no leading zeros', () => {
  assert.deepEqual(parseIPv4('10.43.0.10'), [10, 43, 0, 10]);
  for (const bad of ['10.43.0', '10.43.0.256', '010.1.1.1', '1.2.3.4.5', '1.2.3.x', '', '1..2.3']) assert.equal(parseIPv4(bad), undefined, bad);
  assert.equal(formatIPv4(Uint8Array.from([192, 168, 0, 1])), '192.168.0.1');
});

test('IPv6 parsing handles ::, embedded IPv4 and round-trips to RFC 5952 text', () => {
  const cases: Array<[string, string]> = [
    ['::1', '::1'], ['::', '::'], ['fd00::10', 'fd00::10'], ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['::ffff:10.0.0.1', '::ffff:a00:1'], ['2001:DB8::A', '2001:db8::a'], ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
    ['1:0:3:4:5:6:7:8', '1:0:3:4:5:6:7:8'],
  ];
  for (const [input, text] of cases) {
    const b = parseIPv6(input);
    assert.ok(b, input);
    assert.equal(formatIPv6(Uint8Array.from(b)), text, input);
  }
  for (const bad of ['1:2:3:4:5:6:7:8:9', '1::2::3', ':::', '12345::', 'g::1', '1:2:3:4:5:6:7', '::1.2.3']) assert.equal(parseIPv6(bad), undefined, bad);
  assert.deepEqual(parseIP('1.2.3.4'), [1, 2, 3, 4]);
  assert.equal(parseIP('1-2-3-4'), undefined);
});
