import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EndpointSet, endpointKey, endpointsEqualBeyondKey, portMapKey } from './endpoint-set.js';
import type { SliceEndpoint } from './types.js';

const ep = (ip: string, ready = true, uid = 'u'): SliceEndpoint => ({
  addresses: [ip], conditions: { ready, serving: ready, terminating: false }, targetRef: { kind: 'Pod', namespace: 'ns', name: `p-${ip}`, uid },
});

describe('endpoint identity', () => {
  it('knows an endpoint by addresses, hostname and target name, not by its conditions', () => {
    assert.equal(endpointKey(ep('10.0.0.1')), endpointKey(ep('10.0.0.1', false, 'other')));
    assert.notEqual(endpointKey(ep('10.0.0.1')), endpointKey(ep('10.0.0.2')));
    assert.equal(endpointsEqualBeyondKey(ep('10.0.0.1'), ep('10.0.0.1')), true);
    assert.equal(endpointsEqualBeyondKey(ep('10.0.0.1'), ep('10.0.0.1', false)), false);
    assert.equal(endpointsEqualBeyondKey(ep('10.0.0.1'), ep('10.0.0.1', true, 'other')), false);
    assert.equal(endpointsEqualBeyondKey(ep('10.0.0.1'), { ...ep('10.0.0.1'), zone: 'z' }), false);
  });

  it('compares port sets regardless of order and the server\'s defaults', () => {
    assert.equal(portMapKey([{ name: 'a', port: 1 }, { name: 'b', port: 2, protocol: 'TCP' }]), portMapKey([{ name: 'b', port: 2 }, { name: 'a', port: 1, protocol: 'TCP' }]));
    assert.notEqual(portMapKey([{ name: 'a', port: 1 }]), portMapKey([{ name: 'a', port: 2 }]));
    assert.equal(portMapKey(undefined), portMapKey([]));
  });

  it('hands endpoints out in the order they were added', () => {
    const s = new EndpointSet([ep('10.0.0.2'), ep('10.0.0.1')]);
    s.delete(ep('10.0.0.2', false));
    assert.equal(s.size, 1);
    assert.deepEqual(s.pop()?.addresses, ['10.0.0.1']);
    assert.equal(s.pop(), undefined);
  });
});
