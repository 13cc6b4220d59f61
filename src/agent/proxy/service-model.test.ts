import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel, servicePortName, servicePorts } from './service-model.js';
import { endpoint, service, slice } from './testdata.js';

describe('service model', () => {
  it('gives one entry per port, with endpoints matched by port name and protocol', () => {
    const svc = service('web', {
      type: 'ClusterIP', clusterIP: '10.43.0.20',
      ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 'web' }, { name: 'dns', protocol: 'UDP', port: 53 }],
    });
    const slices = [
      slice('web', [{ name: 'http', protocol: 'TCP', port: 8080 }, { name: 'dns', protocol: 'UDP', port: 5353 }], [endpoint('10.42.0.12', 'n1'), endpoint('10.42.0.9', 'n2')]),
      slice('web', [{ name: 'http', protocol: 'TCP', port: 9090 }], [endpoint('10.42.0.30', 'n1')], { name: 'web-fghij' }),
    ];
    const [http, dns] = servicePorts(svc, slices);
    assert.equal(servicePortName(http!), 'default/web:http');
    assert.deepEqual(http!.endpoints.map((e) => `${e.ip}:${e.port}`), ['10.42.0.9:8080', '10.42.0.12:8080', '10.42.0.30:9090']);
    assert.deepEqual(dns!.endpoints.map((e) => `${e.ip}:${e.port}`), ['10.42.0.9:5353', '10.42.0.12:5353']);
    assert.equal(dns!.protocol, 'UDP');
  });

  it('reads missing conditions as Kubernetes does (ready unless said otherwise), and merges duplicates', () => {
    const svc = service('web', { type: 'ClusterIP', clusterIP: '10.43.0.20', ports: [{ protocol: 'TCP', port: 80 }] });
    const [p] = servicePorts(svc, [
      slice('web', [{ port: 80 }], [{ addresses: ['10.42.0.1'] }, endpoint('10.42.0.2', 'n', { ready: false, terminating: true })]),
      slice('web', [{ port: 80 }], [endpoint('10.42.0.2', 'n')], { name: 'web-2' }),
      slice('web', [{ port: 80 }], [endpoint('fd00::1', 'n')], { name: 'web-3', addressType: 'IPv6' }),
    ]);
    assert.deepEqual(p!.endpoints, [
      { ip: '10.42.0.1', port: 80, nodeName: undefined, ready: true, serving: true, terminating: false },
      { ip: '10.42.0.2', port: 80, nodeName: 'n', ready: true, serving: true, terminating: false },
    ]);
    assert.equal(servicePortName(p!), 'default/web');
  });

  it('leaves out headless, ExternalName, IPv6-only and other proxies\' Services', () => {
    const ports = [{ protocol: 'TCP', port: 80 }];
    const model = buildModel([
      service('headless', { clusterIP: 'None', clusterIPs: ['None'], ports }),
      service('external', { type: 'ExternalName', ports }),
      service('v6', { clusterIP: 'fd00::10', clusterIPs: ['fd00::10'], ports }),
      service('other', { clusterIP: '10.43.0.5', ports }, { metadata: { labels: { 'service.kubernetes.io/service-proxy-name': 'x' } } }),
      service('dual', { clusterIP: 'fd00::11', clusterIPs: ['fd00::11', '10.43.0.6'], ports }),
    ], []);
    assert.deepEqual(model.map((p) => `${p.name} ${p.clusterIP}`), ['dual 10.43.0.6']);
  });

  it('takes NodePorts only for NodePort and LoadBalancer, LB IPs only from non-Proxy ingress, and ClientIP affinity', () => {
    const [lb] = servicePorts(service('lb', {
      type: 'LoadBalancer', clusterIP: '10.43.0.7', externalTrafficPolicy: 'Local', sessionAffinity: 'ClientIP',
      externalIPs: ['203.0.113.7', 'fd00::1'], loadBalancerSourceRanges: [' 192.0.2.7/24 ', 'nonsense', 'fd00::/64'],
      ports: [{ protocol: 'TCP', port: 80, nodePort: 30001 }],
    }, { status: { loadBalancer: { ingress: [{ ip: '198.51.100.1' }, { ip: '198.51.100.2', ipMode: 'Proxy' }, { hostname: 'lb.example' }] } } }), []);
    assert.equal(lb!.nodePort, 30001);
    assert.deepEqual(lb!.loadBalancerIPs, ['198.51.100.1']);
    assert.deepEqual(lb!.externalIPs, ['203.0.113.7']);
    assert.deepEqual(lb!.loadBalancerSourceRanges, ['192.0.2.0/24']);
    assert.equal(lb!.externalPolicyLocal, true);
    assert.equal(lb!.affinitySeconds, 10800);
    const [cip] = servicePorts(service('c', {
      type: 'ClusterIP', clusterIP: '10.43.0.8', externalTrafficPolicy: 'Local', internalTrafficPolicy: 'Local',
      ports: [{ protocol: 'TCP', port: 80, nodePort: 30002 }],
    }), []);
    assert.equal(cip!.nodePort, 0);
    assert.equal(cip!.externalPolicyLocal, false, 'not externally accessible');
    assert.equal(cip!.internalPolicyLocal, true);
    assert.equal(cip!.affinitySeconds, undefined);
  });
});
