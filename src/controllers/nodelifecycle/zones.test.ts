import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeZoneState, zoneKey, Zones } from './zones.js';
import type { NodeCondition } from './types.js';

const cond = (status: string): NodeCondition => ({ type: 'Ready', status });

describe('zones', () => {
  it('keys nodes by region and zone labels', () => {
    assert.equal(zoneKey({ metadata: { labels: { 'topology.kubernetes.io/zone': 'a', 'topology.kubernetes.io/region': 'r' } } }), 'r:\u0000:a');
    assert.equal(zoneKey({ metadata: { labels: { 'failure-domain.beta.kubernetes.io/zone': 'b', 'topology.kubernetes.io/zone': 'a' } } }), ':\u0000:b');
    assert.equal(zoneKey({ metadata: {} }), '');
  });

  it('computes zone states as Kubernetes does', () => {
    assert.equal(computeZoneState([cond('True'), cond('Unknown')], 0.55), 'Normal');
    assert.equal(computeZoneState([cond('False'), undefined], 0.55), 'FullDisruption');
    assert.equal(computeZoneState([cond('False'), cond('False'), cond('Unknown'), cond('True')], 0.55), 'PartialDisruption');
    assert.equal(computeZoneState([cond('False'), cond('False'), cond('True')], 0.55), 'Normal');
  });

  it('stops tainting when every zone is fully disrupted and resumes when a node is Ready', () => {
    const z = new Zones({ evictionQPS: 0.1, secondaryEvictionQPS: 0.01, largeClusterThreshold: 50, unhealthyZoneThreshold: 0.55 }, () => 0, () => undefined);
    assert.equal(z.update(new Map([['a', [cond('True')]], ['b', [cond('True')]]])), undefined);
    assert.equal(z.update(new Map([['a', [cond('Unknown')]], ['b', [cond('True')]]])), undefined);
    assert.equal(z.tainter('a').qps, 0.1, 'a fully disrupted zone next to a healthy one is tainted at the normal rate');
    assert.equal(z.update(new Map([['a', [cond('Unknown')]], ['b', [cond('False')]]])), 'enterFullDisruption');
    assert.equal(z.tainter('a').qps, 0);
    assert.equal(z.tainter('b').qps, 0);
    assert.equal(z.update(new Map([['a', [cond('Unknown')]], ['b', [cond('False')]]])), undefined);
    assert.equal(z.update(new Map([['a', [cond('Unknown')]], ['b', [cond('True')]]])), 'exitFullDisruption');
    assert.equal(z.tainter('a').qps, 0.1);
    assert.equal(z.states.get('b'), 'Normal');
  });
});
