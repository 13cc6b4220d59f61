import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goList, lbNodes, loadBalancerIPs, sameIngress, wantsLoadBalancer } from './lb-status.js';
import type { EndpointSlice, Node, Service, Taint } from './objects.js';

const node = (name: string, addrs: Record<string, string>, o: { ready?: boolean; labels?: Record<string, string>; taints?: Taint[] } = {}): Node => ({
  metadata: { name, labels: o.labels },
  spec: { taints: o.taints },
  status: {
    conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
    addresses: Object.entries(addrs).map(([address, type]) => ({ type, address })),
  },
});

const lb = (spec: Service['spec'] = {}, labels?: Record<string, string>): Service =>
  ({ metadata: { namespace: 'default', name: 'web', labels }, spec: { type: 'LoadBalancer', ...spec } });

describe('ServiceLB status', () => {
  it('handles LoadBalancer Services without a class only', () => {
    assert.equal(wantsLoadBalancer(lb()), true);
    assert.equal(wantsLoadBalancer(lb({ loadBalancerClass: 'example.com/lb' })), false);
    assert.equal(wantsLoadBalancer(lb({ type: 'NodePort' })), false);
  });

  it('gives ready nodes\' InternalIPs, sorted, or only ExternalIPs when some node has one', () => {
    const nodes = [
      node('b', { '192.168.1.20': 'InternalIP', b: 'Hostname' }),
      node('a', { '192.168.1.3': 'InternalIP' }),
      node('down', { '192.168.1.9': 'InternalIP' }, { ready: false }),
    ];
    assert.deepEqual(loadBalancerIPs(lb(), nodes, []), ['192.168.1.20', '192.168.1.3']);
    nodes.push(node('c', { '192.168.1.5': 'InternalIP', '203.0.113.5': 'ExternalIP' }));
    assert.deepEqual(loadBalancerIPs(lb(), nodes, []), ['203.0.113.5']);
  });

  it('follows the Service\'s IP families', () => {
    const nodes = [node('a', { '192.168.1.3': 'InternalIP', 'fd00::3': 'InternalIP' })];
    assert.deepEqual(loadBalancerIPs(lb({ ipFamilies: ['IPv6', 'IPv4'] }), nodes, []), ['fd00::3', '192.168.1.3']);
    assert.deepEqual(loadBalancerIPs(lb({ ipFamilies: ['IPv4'] }), nodes, []), ['192.168.1.3']);
  });

  it('leaves out nodes whose taints the svclb pod would not tolerate, and honours enablelb and lbpool labels', () => {
    const nodes = [
      node('cp', { '10.0.0.1': 'InternalIP' }, { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }),
      node('gpu', { '10.0.0.2': 'InternalIP' }, { taints: [{ key: 'gpu', value: 'yes', effect: 'NoSchedule' }] }),
      node('soft', { '10.0.0.3': 'InternalIP' }, { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] }),
    ];
    assert.deepEqual(lbNodes(lb(), nodes, []).map((n) => n.metadata.name), ['cp', 'soft']);
    const labelled = [
      node('a', { '10.0.0.1': 'InternalIP' }, { labels: { 'svccontroller.k3s.cattle.io/enablelb': 'true', 'svccontroller.k3s.cattle.io/lbpool': 'p1' } }),
      node('b', { '10.0.0.2': 'InternalIP' }, { labels: { 'svccontroller.k3s.cattle.io/enablelb': 'true', 'svccontroller.k3s.cattle.io/lbpool': 'p2' } }),
      node('c', { '10.0.0.3': 'InternalIP' }),
    ];
    assert.deepEqual(loadBalancerIPs(lb(), labelled, []), ['10.0.0.1', '10.0.0.2']);
    assert.deepEqual(loadBalancerIPs(lb({}, { 'svccontroller.k3s.cattle.io/lbpool': 'p2' }), labelled, []), ['10.0.0.2']);
  });

  it('under externalTrafficPolicy Local, only nodes with a ready endpoint pod', () => {
    const nodes = [node('a', { '10.0.0.1': 'InternalIP' }), node('b', { '10.0.0.2': 'InternalIP' }), node('c', { '10.0.0.3': 'InternalIP' })];
    const slices: EndpointSlice[] = [{
      metadata: { namespace: 'default', name: 'web-x' },
      endpoints: [
        { nodeName: 'b', conditions: { ready: true }, targetRef: { kind: 'Pod' } },
        { nodeName: 'c', conditions: { ready: false }, targetRef: { kind: 'Pod' } },
        { nodeName: 'a', conditions: { ready: true } },
      ],
    }];
    assert.deepEqual(loadBalancerIPs(lb({ externalTrafficPolicy: 'Local' }), nodes, slices), ['10.0.0.2']);
    assert.deepEqual(loadBalancerIPs(lb({ externalTrafficPolicy: 'Cluster' }), nodes, slices), ['10.0.0.1', '10.0.0.2', '10.0.0.3']);
  });

  it('compares with the status and formats lists as Go does', () => {
    const svc: Service = { ...lb(), status: { loadBalancer: { ingress: [{ ip: '10.0.0.1', ipMode: 'VIP' }] } } };
    assert.equal(sameIngress(svc, ['10.0.0.1']), true);
    assert.equal(sameIngress(svc, ['10.0.0.2']), false);
    assert.equal(sameIngress(lb(), []), true);
    assert.equal(goList(['a', 'b']), '[a b]');
    assert.equal(goList([]), '[]');
  });
});
