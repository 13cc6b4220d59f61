/** Tests of IPv4 CIDR parsing, membership and the gateway address. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cidrContains, cidrWithin, firstHost, parseIPv4Cidr } from './cidr.js';

describe('IPv4 CIDRs', () => {
  it('parses to the canonical network and finds the first host', () => {
    const c = parseIPv4Cidr('10.42.0.7/24');
    assert.equal(c.text, '10.42.0.0/24');
    assert.equal(firstHost(c), '10.42.0.1');
    assert.equal(parseIPv4Cidr('0.0.0.0/0').text, '0.0.0.0/0');
  });

  it('tests membership and nesting', () => {
    const pod = parseIPv4Cidr('10.42.3.0/24');
    const cluster = parseIPv4Cidr('10.42.0.0/16');
    assert.ok(cidrContains(pod, '10.42.3.200'));
    assert.ok(!cidrContains(pod, '10.42.4.1'));
    assert.ok(!cidrContains(pod, 'nonsense'));
    assert.ok(cidrWithin(pod, cluster));
    assert.ok(!cidrWithin(cluster, pod));
    assert.ok(!cidrWithin(parseIPv4Cidr('10.43.0.0/24'), cluster));
  });

  it('rejects what is not an IPv4 CIDR, naming IPv6 as unsupported', () => {
    assert.throws(() => parseIPv4Cidr('10.42.0.0'), /not an IPv4 CIDR/);
    assert.throws(() => parseIPv4Cidr('10.42.0.256/24'), /not an IPv4 CIDR/);
    assert.throws(() => parseIPv4Cidr('10.42.0.0/33'), /not an IPv4 CIDR/);
    assert.throws(() => parseIPv4Cidr('fd00::/64'), /IPv6 is not supported/);
  });
});
