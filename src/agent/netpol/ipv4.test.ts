import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  cidrContainsCidr, cidrContainsIp, firstHost, formatCidr4, formatIPv4, parseCidr4, parseIPv4, subtractCidrs,
} from './ipv4.js';

const c = (t: string) => {
  const r = parseCidr4(t);
  assert.ok(r, t);
  return r;
};
const sub = (cidr: string, except: string[]): string[] => subtractCidrs(c(cidr), except.map(c)).map(formatCidr4);

describe('ipv4', () => {
  it('parses and formats addresses, refusing IPv6 and junk', () => {
    assert.equal(parseIPv4('10.42.0.5'), 0x0a2a0005);
    assert.equal(formatIPv4(0xffffffff), '255.255.255.255');
    assert.equal(formatIPv4(parseIPv4('010.001.0.5') as number), '10.1.0.5');
    for (const bad of ['', '10.0.0', '10.0.0.256', 'fd00::1', '1.2.3.4.5', 'a.b.c.d']) assert.equal(parseIPv4(bad), undefined, bad);
  });

  it('parses CIDRs with host bits cleared; a bare address is /32', () => {
    assert.equal(formatCidr4(c('10.43.7.9/24')), '10.43.7.0/24');
    assert.equal(formatCidr4(c('10.0.0.1')), '10.0.0.1/32');
    assert.equal(formatCidr4(c('1.2.3.4/0')), '0.0.0.0/0');
    for (const bad of ['10.0.0.0/33', '10.0.0.0/', 'fd00::/64', '10.0.0.0/-1']) assert.equal(parseCidr4(bad), undefined, bad);
  });

  it('tells containment', () => {
    assert.ok(cidrContainsIp(c('10.42.0.0/16'), parseIPv4('10.42.200.1') as number));
    assert.ok(!cidrContainsIp(c('10.42.0.0/16'), parseIPv4('10.43.0.1') as number));
    assert.ok(cidrContainsIp(c('0.0.0.0/0'), parseIPv4('255.1.2.3') as number));
    assert.ok(cidrContainsCidr(c('10.0.0.0/8'), c('10.1.0.0/16')));
    assert.ok(!cidrContainsCidr(c('10.1.0.0/16'), c('10.0.0.0/8')));
  });

  it('subtracts except ranges into disjoint CIDRs', () => {
    assert.deepEqual(sub('10.0.0.0/24', []), ['10.0.0.0/24']);
    assert.deepEqual(sub('10.0.0.0/24', ['10.0.0.0/25']), ['10.0.0.128/25']);
    assert.deepEqual(sub('10.0.0.0/24', ['10.0.0.128/26']), ['10.0.0.0/25', '10.0.0.192/26']);
    assert.deepEqual(sub('172.17.0.0/16', ['172.17.1.0/24']), [
      '172.17.0.0/24', '172.17.2.0/23', '172.17.4.0/22', '172.17.8.0/21', '172.17.16.0/20',
      '172.17.32.0/19', '172.17.64.0/18', '172.17.128.0/17',
    ]);
    assert.deepEqual(sub('10.0.0.0/30', ['10.0.0.1/32', '10.0.0.2/32']), ['10.0.0.0/32', '10.0.0.3/32']);
    assert.deepEqual(sub('10.0.0.0/24', ['10.0.0.0/24']), []);
    assert.deepEqual(sub('10.0.0.0/24', ['10.0.0.0/8']), []);
    assert.deepEqual(sub('10.0.0.0/24', ['192.168.0.0/16']), ['10.0.0.0/24']);
  });

  it('subtracting from 0.0.0.0/0 covers everything else', () => {
    const parts = sub('0.0.0.0/0', ['10.0.0.0/8']);
    assert.equal(parts.length, 8);
    const size = parts.map(c).reduce((n, p) => n + 2 ** (32 - p.prefix), 0);
    assert.equal(size, 2 ** 32 - 2 ** 24);
    assert.ok(!parts.map(c).some((p) => cidrContainsIp(p, parseIPv4('10.9.9.9') as number)));
  });

  it('gives the first host of a CIDR', () => {
    assert.equal(formatIPv4(firstHost(c('10.42.3.0/24')) as number), '10.42.3.1');
    assert.equal(firstHost(c('10.0.0.1/32')), undefined);
  });
});
