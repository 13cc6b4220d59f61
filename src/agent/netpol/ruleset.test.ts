import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildRuleset, DISPATCH_CHAIN, isOwnChain, JUMP_RULE, podChain } from './ruleset.js';

describe('buildRuleset', () => {
  it('has only the dispatch chain when no pod is isolated', () => {
    assert.deepEqual([...buildRuleset([{ ip: '10.42.0.5', ref: 'default/a', rules: {} }], ['192.168.1.10'])], [
      [DISPATCH_CHAIN, ['-m conntrack --ctstate RELATED,ESTABLISHED -j RETURN']],
    ]);
  });

  it('writes per-pod chains in the form iptables-save prints', () => {
    const rules = buildRuleset([
      {
        ip: '10.42.0.5', ref: 'default/web',
        rules: {
          ingress: [
            { cidr: '10.42.0.6/32', protocol: 'TCP', port: 80 },
            { cidr: '172.17.128.0/17', protocol: 'SCTP', port: 9000, endPort: 9010 },
            { protocol: 'UDP' },
            { cidr: '0.0.0.0/0' },
          ],
          egress: [{ protocol: 'UDP', port: 53 }, { protocol: 'UDP', port: 53 }],
        },
      },
      { ip: '10.42.0.6', ref: 'default/db', rules: { ingress: [] } },
    ], ['192.168.1.10', '10.42.0.1', 'fd00::1']);
    assert.deepEqual([...rules], [
      [DISPATCH_CHAIN, [
        '-m conntrack --ctstate RELATED,ESTABLISHED -j RETURN',
        '-s 10.42.0.5/32 -m comment --comment "egress of default/web" -j NAVARCH-NP-E-10.42.0.5',
        '-d 10.42.0.5/32 -m comment --comment "ingress of default/web" -j NAVARCH-NP-I-10.42.0.5',
        '-d 10.42.0.6/32 -m comment --comment "ingress of default/db" -j NAVARCH-NP-I-10.42.0.6',
      ]],
      ['NAVARCH-NP-E-10.42.0.5', [
        '-d 10.42.0.5/32 -j RETURN',
        '-p udp -m udp --dport 53 -j RETURN',
        '-m comment --comment "navarch network policy: deny egress from default/web" -j DROP',
      ]],
      ['NAVARCH-NP-I-10.42.0.5', [
        '-s 10.42.0.5/32 -j RETURN',
        '-s 192.168.1.10/32 -j RETURN',
        '-s 10.42.0.1/32 -j RETURN',
        '-s 10.42.0.6/32 -p tcp -m tcp --dport 80 -j RETURN',
        '-s 172.17.128.0/17 -p sctp -m sctp --dport 9000:9010 -j RETURN',
        '-p udp -j RETURN',
        '-j RETURN',
        '-m comment --comment "navarch network policy: deny ingress to default/web" -j DROP',
      ]],
      ['NAVARCH-NP-I-10.42.0.6', [
        '-s 10.42.0.6/32 -j RETURN',
        '-s 192.168.1.10/32 -j RETURN',
        '-s 10.42.0.1/32 -j RETURN',
        '-m comment --comment "navarch network policy: deny ingress to default/db" -j DROP',
      ]],
    ]);
  });

  it('names chains so only its own are recognised', () => {
    assert.equal(podChain('ingress', '255.255.255.255'), 'NAVARCH-NP-I-255.255.255.255');
    assert.ok(podChain('ingress', '255.255.255.255').length <= 28, 'iptables chain names are at most 28 characters');
    assert.ok(isOwnChain(DISPATCH_CHAIN));
    assert.ok(isOwnChain('NAVARCH-NP-E-10.0.0.1'));
    for (const other of ['NAVARCH-FWD-abc', 'NAVARCH-NP-X-10.0.0.1', 'NAVARCH-NODEPORTS', 'NAVARCH-NP-I-foo', 'FORWARD']) assert.ok(!isOwnChain(other), other);
    assert.equal(JUMP_RULE, '-m comment --comment "navarch network policy" -j NAVARCH-NP-FORWARD');
  });
});
