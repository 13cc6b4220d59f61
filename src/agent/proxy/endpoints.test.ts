import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categorizeEndpoints } from './endpoints.js';
import type { ProxyEndpoint, ServicePortInfo } from './types.js';

const ep = (ip: string, nodeName: string, ready = true, serving = ready, terminating = false): ProxyEndpoint =>
  ({ ip, port: 80, nodeName, ready, serving, terminating });

const port = (o: Partial<ServicePortInfo>): ServicePortInfo => ({
  namespace: 'default', name: 's', portName: '', protocol: 'TCP', clusterIP: '10.43.0.1', port: 80, nodePort: 0,
  externalIPs: [], loadBalancerIPs: [], loadBalancerSourceRanges: [], internalPolicyLocal: false, externalPolicyLocal: false, endpoints: [], ...o,
});

const ips = (eps: ProxyEndpoint[]): string[] => eps.map((e) => e.ip);

describe('categorizeEndpoints', () => {
  it('uses ready endpoints, or serving terminating ones when none is ready', () => {
    const c = categorizeEndpoints(port({ endpoints: [ep('a', 'n1'), ep('b', 'n2', false), ep('c', 'n1', false, true, true)] }), 'n1');
    assert.deepEqual(ips(c.cluster), ['a']);
    assert.deepEqual(c.local, []);
    const f = categorizeEndpoints(port({ endpoints: [ep('b', 'n2', false), ep('c', 'n1', false, true, true), ep('d', 'n1', false, false, true)] }), 'n1');
    assert.deepEqual(ips(f.cluster), ['c']);
    assert.deepEqual(ips(f.reachable), ['c']);
  });

  it('internal Local: only this node\'s endpoints, each with its own fallback', () => {
    const eps = [ep('a', 'n2'), ep('b', 'n1', false, true, true)];
    const c = categorizeEndpoints(port({ internalPolicyLocal: true, endpoints: eps }), 'n1');
    assert.deepEqual(c.cluster, []);
    assert.deepEqual(ips(c.local), ['b']);
    assert.deepEqual(ips(c.reachable), ['b']);
  });

  it('external Local keeps cluster endpoints for traffic from pods and the node', () => {
    const eps = [ep('a', 'n2'), ep('b', 'n1')];
    const c = categorizeEndpoints(port({ nodePort: 30000, internalPolicyLocal: true, externalPolicyLocal: true, endpoints: eps }), 'n1');
    assert.deepEqual(ips(c.cluster), ['a', 'b']);
    assert.deepEqual(ips(c.local), ['b']);
    assert.deepEqual(ips(c.reachable), ['a', 'b']);
  });
});
