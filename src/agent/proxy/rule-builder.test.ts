import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { endpointChain, portChain } from './chain-names.js';
import { rulesText } from './restore-text.js';
import { buildProxyRules, type RuleOptions } from './rule-builder.js';
import { endpoint, service, slice } from './testdata.js';

const OPTS: RuleOptions = { nodeName: 'n1', nodeIPs: ['192.0.2.1'], clusterCIDR: '10.42.0.0/16', serviceCIDR: '10.43.0.0/16' };

const svc = (kind: 'SVC' | 'SVL' | 'EXT' | 'FW', spn: string, proto = 'TCP'): string => portChain(kind, spn, proto);
const sep = (spn: string, ep: string, proto = 'TCP'): string => endpointChain(spn, proto, ep);

describe('buildProxyRules', () => {
  it('writes exactly these rules for a small set of services', () => {
    const services = [
      service('web', { type: 'ClusterIP', clusterIP: '10.43.0.20', ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 'http' }] }),
      service('empty', { type: 'ClusterIP', clusterIP: '10.43.0.21', ports: [{ protocol: 'TCP', port: 80 }] }),
      service('np', {
        type: 'NodePort', clusterIP: '10.43.0.22', externalTrafficPolicy: 'Local', sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } }, ports: [{ name: 'http', protocol: 'TCP', port: 80, nodePort: 30080 }],
      }),
      service('dns', { type: 'ClusterIP', clusterIP: '10.43.0.10', ports: [{ name: 'dns', protocol: 'UDP', port: 53 }] }),
      service('headless', { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], ports: [{ protocol: 'TCP', port: 80 }] }),
    ];
    const slices = [
      slice('web', [{ name: 'http', protocol: 'TCP', port: 8080 }], [endpoint('10.42.0.12', 'n2'), endpoint('10.42.0.11', 'n1')]),
      slice('np', [{ name: 'http', protocol: 'TCP', port: 8080 }], [endpoint('10.42.0.11', 'n1'), endpoint('10.42.0.12', 'n2')]),
      slice('dns', [{ name: 'dns', protocol: 'UDP', port: 53 }], [
        endpoint('10.42.0.13', 'n1', { ready: false, serving: true, terminating: true }),
        endpoint('10.42.0.14', 'n1', { ready: false, serving: false, terminating: true }),
      ]),
      slice('headless', [{ protocol: 'TCP', port: 80 }], [endpoint('10.42.0.15', 'n1')]),
    ];
    const WEB = svc('SVC', 'default/web:http');
    const WEB11 = sep('default/web:http', '10.42.0.11:8080');
    const WEB12 = sep('default/web:http', '10.42.0.12:8080');
    const NP = svc('SVC', 'default/np:http');
    const NPL = svc('SVL', 'default/np:http');
    const NPX = svc('EXT', 'default/np:http');
    const NP11 = sep('default/np:http', '10.42.0.11:8080');
    const NP12 = sep('default/np:http', '10.42.0.12:8080');
    const DNS = svc('SVC', 'default/dns:dns', 'UDP');
    const DNS13 = sep('default/dns:dns', '10.42.0.13:53', 'UDP');
    const expected = `*filter
:NAVARCH-SERVICES - [0:0]
:NAVARCH-EXTERNAL-SERVICES - [0:0]
:NAVARCH-PROXY-FORWARD - [0:0]
:NAVARCH-PROXY-FIREWALL - [0:0]
:NAVARCH-PROXY-LOCALNET - [0:0]
-A NAVARCH-SERVICES -d 10.43.0.21/32 -p tcp -m tcp --dport 80 -m comment --comment "default/empty has no endpoints" -j REJECT
-A NAVARCH-SERVICES -d 10.43.0.0/16 -m addrtype ! --dst-type LOCAL -m comment --comment "navarch: no service on this address and port" -j REJECT
-A NAVARCH-PROXY-FORWARD -m mark --mark 0x4000/0x4000 -m comment --comment "navarch forwarding rules" -j ACCEPT
-A NAVARCH-PROXY-FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -m comment --comment "navarch forwarding conntrack rule" -j ACCEPT
-A NAVARCH-PROXY-LOCALNET -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -m comment --comment "block incoming localnet connections" -j DROP
COMMIT
*nat
:NAVARCH-SERVICES - [0:0]
:NAVARCH-NODEPORTS - [0:0]
:NAVARCH-POSTROUTING - [0:0]
:NAVARCH-MARK-MASQ - [0:0]
:${DNS} - [0:0]
:${DNS13} - [0:0]
:${NP} - [0:0]
:${NPX} - [0:0]
:${NPL} - [0:0]
:${NP11} - [0:0]
:${NP12} - [0:0]
:${WEB} - [0:0]
:${WEB11} - [0:0]
:${WEB12} - [0:0]
-A NAVARCH-SERVICES -d 10.43.0.10/32 -p udp -m udp --dport 53 -m comment --comment "default/dns:dns cluster IP" -j ${DNS}
-A NAVARCH-SERVICES -d 10.43.0.22/32 -p tcp -m tcp --dport 80 -m comment --comment "default/np:http cluster IP" -j ${NP}
-A NAVARCH-SERVICES -d 10.43.0.20/32 -p tcp -m tcp --dport 80 -m comment --comment "default/web:http cluster IP" -j ${WEB}
-A NAVARCH-SERVICES -m addrtype --dst-type LOCAL -m comment --comment "navarch service nodeports; this must be the last rule of the chain" -j NAVARCH-NODEPORTS
-A NAVARCH-NODEPORTS -p tcp -m tcp --dport 30080 -m comment --comment "default/np:http" -j ${NPX}
-A NAVARCH-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A NAVARCH-POSTROUTING -j MARK --xor-mark 0x4000
-A NAVARCH-POSTROUTING -m comment --comment "navarch service traffic requiring SNAT" -j MASQUERADE --random-fully
-A NAVARCH-MARK-MASQ -j MARK --or-mark 0x4000
-A ${DNS} -d 10.43.0.10/32 -p udp -m udp --dport 53 ! -s 10.42.0.0/16 -m comment --comment "default/dns:dns cluster IP" -j NAVARCH-MARK-MASQ
-A ${DNS} -m comment --comment "default/dns:dns -> 10.42.0.13:53" -j ${DNS13}
-A ${DNS13} -s 10.42.0.13/32 -m comment --comment "default/dns:dns" -j NAVARCH-MARK-MASQ
-A ${DNS13} -p udp -m udp -m comment --comment "default/dns:dns" -j DNAT --to-destination 10.42.0.13:53
-A ${NP} -d 10.43.0.22/32 -p tcp -m tcp --dport 80 ! -s 10.42.0.0/16 -m comment --comment "default/np:http cluster IP" -j NAVARCH-MARK-MASQ
-A ${NP} -m comment --comment "default/np:http -> 10.42.0.11:8080" -m recent --name ${NP11} --rcheck --seconds 60 --reap -j ${NP11}
-A ${NP} -m comment --comment "default/np:http -> 10.42.0.12:8080" -m recent --name ${NP12} --rcheck --seconds 60 --reap -j ${NP12}
-A ${NP} -m comment --comment "default/np:http -> 10.42.0.11:8080" -m statistic --mode random --probability 0.5000000000 -j ${NP11}
-A ${NP} -m comment --comment "default/np:http -> 10.42.0.12:8080" -j ${NP12}
-A ${NPX} -s 10.42.0.0/16 -m comment --comment "pod traffic for default/np:http external destinations" -j ${NP}
-A ${NPX} -m addrtype --src-type LOCAL -m comment --comment "masquerade LOCAL traffic for default/np:http external destinations" -j NAVARCH-MARK-MASQ
-A ${NPX} -m addrtype --src-type LOCAL -m comment --comment "route LOCAL traffic for default/np:http external destinations" -j ${NP}
-A ${NPX} -j ${NPL}
-A ${NPL} -m comment --comment "default/np:http -> 10.42.0.11:8080" -m recent --name ${NP11} --rcheck --seconds 60 --reap -j ${NP11}
-A ${NPL} -m comment --comment "default/np:http -> 10.42.0.11:8080" -j ${NP11}
-A ${NP11} -s 10.42.0.11/32 -m comment --comment "default/np:http" -j NAVARCH-MARK-MASQ
-A ${NP11} -p tcp -m recent --name ${NP11} --set -m tcp -m comment --comment "default/np:http" -j DNAT --to-destination 10.42.0.11:8080
-A ${NP12} -s 10.42.0.12/32 -m comment --comment "default/np:http" -j NAVARCH-MARK-MASQ
-A ${NP12} -p tcp -m recent --name ${NP12} --set -m tcp -m comment --comment "default/np:http" -j DNAT --to-destination 10.42.0.12:8080
-A ${WEB} -d 10.43.0.20/32 -p tcp -m tcp --dport 80 ! -s 10.42.0.0/16 -m comment --comment "default/web:http cluster IP" -j NAVARCH-MARK-MASQ
-A ${WEB} -m comment --comment "default/web:http -> 10.42.0.11:8080" -m statistic --mode random --probability 0.5000000000 -j ${WEB11}
-A ${WEB} -m comment --comment "default/web:http -> 10.42.0.12:8080" -j ${WEB12}
-A ${WEB11} -s 10.42.0.11/32 -m comment --comment "default/web:http" -j NAVARCH-MARK-MASQ
-A ${WEB11} -p tcp -m tcp -m comment --comment "default/web:http" -j DNAT --to-destination 10.42.0.11:8080
-A ${WEB12} -s 10.42.0.12/32 -m comment --comment "default/web:http" -j NAVARCH-MARK-MASQ
-A ${WEB12} -p tcp -m tcp -m comment --comment "default/web:http" -j DNAT --to-destination 10.42.0.12:8080
COMMIT
`;
    assert.equal(rulesText(buildProxyRules(services, slices, OPTS)), expected);
  });

  it('leaves comments off per-endpoint rules in large clusters', () => {
    const rules = buildProxyRules([service('s', { clusterIP: '10.43.0.9', ports: [{ protocol: 'TCP', port: 80 }] })],
      [slice('s', [{ port: 80 }], [endpoint('10.42.0.1', 'n1')])], { ...OPTS, largeCluster: true });
    const SEP = sep('default/s', '10.42.0.1:80');
    assert.deepEqual(rules.nat.get(svc('SVC', 'default/s')), [
      '-A ' + svc('SVC', 'default/s') + ' -d 10.43.0.9/32 -p tcp -m tcp --dport 80 ! -s 10.42.0.0/16 -m comment --comment "default/s cluster IP" -j NAVARCH-MARK-MASQ',
      '-A ' + svc('SVC', 'default/s') + ' -j ' + SEP,
    ]);
    assert.deepEqual(rules.nat.get(SEP), [`-A ${SEP} -s 10.42.0.1/32 -j NAVARCH-MARK-MASQ`, `-A ${SEP} -p tcp -m tcp -j DNAT --to-destination 10.42.0.1:80`]);
  });

  it('spreads over n endpoints with probabilities 1/n, 1/(n-1), … and a last rule without one', () => {
    const eps = ['10.42.0.1', '10.42.0.2', '10.42.0.3', '10.42.0.4'].map((ip) => endpoint(ip, 'n1'));
    const rules = buildProxyRules([service('s', { clusterIP: '10.43.0.9', ports: [{ protocol: 'TCP', port: 80 }] })], [slice('s', [{ port: 80 }], eps)], OPTS);
    const lines = rules.nat.get(svc('SVC', 'default/s'))!.filter((l) => l.includes(' -> '));
    assert.deepEqual(lines.map((l) => /--probability (\S+)/.exec(l)?.[1] ?? 'last'), ['0.2500000000', '0.3333333333', '0.5000000000', 'last']);
  });

  it('load balancer IPs with source ranges get a FW chain and a filter DROP; external IPs and Local policies their filter rules', () => {
    const rules = buildProxyRules([
      service('lb', {
        type: 'LoadBalancer', clusterIP: '10.43.0.30', externalIPs: ['203.0.113.7'], loadBalancerSourceRanges: ['192.0.2.0/24'],
        ports: [{ protocol: 'TCP', port: 443, nodePort: 30443 }],
      }, { status: { loadBalancer: { ingress: [{ ip: '198.51.100.10' }] } } }),
      service('local', {
        type: 'NodePort', clusterIP: '10.43.0.31', externalTrafficPolicy: 'Local', internalTrafficPolicy: 'Local',
        externalIPs: ['203.0.113.8'], ports: [{ protocol: 'UDP', port: 53, nodePort: 30053 }],
      }),
    ], [
      slice('lb', [{ port: 8443 }], [endpoint('10.42.1.5', 'n2')]),
      slice('local', [{ protocol: 'UDP', port: 53 }], [endpoint('10.42.1.6', 'n2')]),
    ], OPTS);
    const FW = svc('FW', 'default/lb');
    const EXT = svc('EXT', 'default/lb');
    assert.deepEqual(rules.nat.get(FW), [
      `-A ${FW} -s 192.0.2.0/24 -m comment --comment "default/lb load balancer IP" -j ${EXT}`,
      `-A ${FW} -s 198.51.100.10/32 -m comment --comment "default/lb load balancer IP" -j ${EXT}`,
    ]);
    const nat = rules.nat.get('NAVARCH-SERVICES')!;
    assert.ok(nat.includes(`-A NAVARCH-SERVICES -d 198.51.100.10/32 -p tcp -m tcp --dport 443 -m comment --comment "default/lb load balancer IP" -j ${FW}`));
    assert.ok(nat.includes(`-A NAVARCH-SERVICES -d 203.0.113.7/32 -p tcp -m tcp --dport 443 -m comment --comment "default/lb external IP" -j ${EXT}`));
    assert.deepEqual(rules.filter.get('NAVARCH-PROXY-FIREWALL'), [
      `-A NAVARCH-PROXY-FIREWALL -d 198.51.100.10/32 -p tcp -m tcp --dport 443 -m comment --comment "default/lb traffic not accepted by ${FW}" -j DROP`,
    ]);
    // "local" has endpoints, but none on n1: its ClusterIP and external destinations DROP; pods and the node still reach it via EXT.
    assert.ok(rules.filter.get('NAVARCH-SERVICES')!.includes(
      '-A NAVARCH-SERVICES -d 10.43.0.31/32 -p udp -m udp --dport 53 -m comment --comment "default/local has no local endpoints" -j DROP'));
    assert.deepEqual(rules.filter.get('NAVARCH-EXTERNAL-SERVICES'), [
      '-A NAVARCH-EXTERNAL-SERVICES -d 203.0.113.8/32 -p udp -m udp --dport 53 -m comment --comment "default/local has no local endpoints" -j DROP',
      '-A NAVARCH-EXTERNAL-SERVICES -m addrtype --dst-type LOCAL -p udp -m udp --dport 30053 -m comment --comment "default/local has no local endpoints" -j DROP',
    ]);
    const LEXT = svc('EXT', 'default/local', 'UDP');
    assert.equal(rules.nat.get(LEXT)!.length, 3, 'short-circuit rules only: no jump to an empty local chain');
    assert.equal(rules.nat.has(svc('SVL', 'default/local', 'UDP')), false);
  });

  it('without endpoints, external destinations are REJECTed; localhost NodePorts can be turned off', () => {
    const rules = buildProxyRules([
      service('np', { type: 'NodePort', clusterIP: '10.43.0.40', externalIPs: ['203.0.113.9'], ports: [{ protocol: 'SCTP', port: 80, nodePort: 30090 }] }),
    ], [], { ...OPTS, localhostNodePorts: false, masqueradeMark: 0x8000 });
    assert.deepEqual(rules.filter.get('NAVARCH-EXTERNAL-SERVICES'), [
      '-A NAVARCH-EXTERNAL-SERVICES -d 203.0.113.9/32 -p sctp -m sctp --dport 80 -m comment --comment "default/np has no endpoints" -j REJECT',
      '-A NAVARCH-EXTERNAL-SERVICES -m addrtype --dst-type LOCAL -p sctp -m sctp --dport 30090 -m comment --comment "default/np has no endpoints" -j REJECT',
    ]);
    assert.equal(rules.nat.get('NAVARCH-NODEPORTS')!.length, 0);
    assert.deepEqual(rules.nat.get('NAVARCH-SERVICES'), [
      '-A NAVARCH-SERVICES -m addrtype --dst-type LOCAL ! -d 127.0.0.0/8 -m comment --comment "navarch service nodeports; this must be the last rule of the chain" -j NAVARCH-NODEPORTS',
    ]);
    assert.deepEqual(rules.nat.get('NAVARCH-MARK-MASQ'), ['-A NAVARCH-MARK-MASQ -j MARK --or-mark 0x8000']);
    assert.deepEqual(rules.filter.get('NAVARCH-PROXY-LOCALNET'), []);
    assert.equal([...rules.nat.keys()].filter((c) => /-(SVC|SEP|EXT)-/.test(c)).length, 0, 'no per-port nat chains');
  });
});
