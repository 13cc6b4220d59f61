import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalCidr4, desiredRoutes, parseRouteList, routeChanges, type NodeRouteView } from './route-plan.js';

const node = (name: string, podCIDR?: string, ip?: string, extra: Partial<NodeRouteView['metadata']> = {}): NodeRouteView => ({
  metadata: { name, ...extra },
  spec: podCIDR ? { podCIDR, podCIDRs: [podCIDR] } : {},
  status: { addresses: ip ? [{ type: 'Hostname', address: name }, { type: 'InternalIP', address: ip }] : [] },
});
const self = { nodeName: 'a', nodeIP: '192.0.2.1', podCIDR: '10.42.0.0/24' };

describe('desiredRoutes', () => {
  it('routes every other node\'s pod CIDR via its InternalIP', () => {
    const got = desiredRoutes([node('a', '10.42.0.0/24', '192.0.2.1'), node('c', '10.42.2.0/24', '192.0.2.3'), node('b', '10.42.1.0/24', '192.0.2.2')], self);
    assert.deepEqual(got, [
      { cidr: '10.42.1.0/24', via: '192.0.2.2', node: 'b' },
      { cidr: '10.42.2.0/24', via: '192.0.2.3', node: 'c' },
    ]);
  });

  it('skips nodes without a pod CIDR or InternalIP, being deleted, simulated, or claiming this node\'s CIDR or address', () => {
    const got = desiredRoutes([
      node('nocidr', undefined, '192.0.2.4'), node('noip', '10.42.4.0/24'), node('gone', '10.42.5.0/24', '192.0.2.5', { deletionTimestamp: '2026-01-01T00:00:00Z' }),
      node('thief', '10.42.0.0/24', '192.0.2.6'), node('twin', '10.42.7.0/24', '192.0.2.1'),
      { ...node('sim-1', '10.42.8.0/24', '192.0.2.8'), spec: { podCIDR: '10.42.8.0/24', providerID: 'simulated://sim-1' } },
    ], self);
    assert.deepEqual(got, []);
  });

  it('gives a CIDR claimed twice to the first node by name, and canonicalizes CIDRs', () => {
    const got = desiredRoutes([node('z', '10.42.3.0/24', '192.0.2.9'), node('m', '10.42.3.9/24', '192.0.2.8')], self);
    assert.deepEqual(got, [{ cidr: '10.42.3.0/24', via: '192.0.2.8', node: 'm' }]);
  });

  it('ignores IPv6 pod CIDRs and addresses', () => {
    const n: NodeRouteView = { metadata: { name: 'v6' }, spec: { podCIDR: 'fd00:42::/64', podCIDRs: ['fd00:42::/64', '10.42.9.0/24'] }, status: { addresses: [{ type: 'InternalIP', address: 'fd00::9' }, { type: 'InternalIP', address: '192.0.2.9' }] } };
    assert.deepEqual(desiredRoutes([n], self), [{ cidr: '10.42.9.0/24', via: '192.0.2.9', node: 'v6' }]);
  });
});

describe('parseRouteList and routeChanges', () => {
  it('reads ip -o route output', () => {
    const text = '10.42.1.0/24 via 192.0.2.2 dev eth0 proto 79 \n10.42.2.0/24 via 192.0.2.3 dev eth0 proto 79 onlink \n\n';
    assert.deepEqual(parseRouteList(text), [
      { cidr: '10.42.1.0/24', via: '192.0.2.2', dev: 'eth0' },
      { cidr: '10.42.2.0/24', via: '192.0.2.3', dev: 'eth0' },
    ]);
    assert.deepEqual(parseRouteList('10.1.2.3 dev x proto 79'), [{ cidr: '10.1.2.3/32', dev: 'x' }]);
  });

  it('adds missing and moved routes, removes unwanted ones, leaves correct ones alone', () => {
    const c = routeChanges(
      [{ cidr: '10.42.1.0/24', via: '192.0.2.2', node: 'b' }, { cidr: '10.42.2.0/24', via: '192.0.2.7', node: 'c' }, { cidr: '10.42.3.0/24', via: '192.0.2.4', node: 'd' }],
      [{ cidr: '10.42.1.0/24', via: '192.0.2.2' }, { cidr: '10.42.2.0/24', via: '192.0.2.3' }, { cidr: '10.42.8.0/24', via: '192.0.2.8' }],
    );
    assert.deepEqual(c.add.map((r) => r.cidr), ['10.42.2.0/24', '10.42.3.0/24']);
    assert.deepEqual(c.remove.map((r) => r.cidr), ['10.42.8.0/24']);
  });

  it('rewrites a route that moves between host-gw and the overlay device', () => {
    const toOverlay = routeChanges([{ cidr: '10.42.1.0/24', via: '10.42.1.0', node: 'b', dev: 'navarch.1' }], [{ cidr: '10.42.1.0/24', via: '192.0.2.2', dev: 'eth0' }]);
    assert.equal(toOverlay.add.length, 1);
    const same = routeChanges([{ cidr: '10.42.1.0/24', via: '10.42.1.0', node: 'b', dev: 'navarch.1' }], [{ cidr: '10.42.1.0/24', via: '10.42.1.0', dev: 'navarch.1' }]);
    assert.deepEqual(same, { add: [], remove: [] });
    assert.deepEqual(parseRouteList('10.42.1.0/24 via 10.42.1.0 dev navarch.1 proto 79 onlink '), [{ cidr: '10.42.1.0/24', via: '10.42.1.0', dev: 'navarch.1' }]);
  });

  it('canonicalCidr4 rejects what is not an IPv4 CIDR', () => {
    assert.equal(canonicalCidr4('10.42.1.77/16'), '10.42.0.0/16');
    assert.equal(canonicalCidr4('0.0.0.0/0'), '0.0.0.0/0');
    for (const bad of ['10.42.1.0', '10.42.1.0/33', '300.1.1.1/8', 'fd00::/64', '10.42.1.0/24/1']) assert.equal(canonicalCidr4(bad), undefined, bad);
  });
});
