import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPodReady, podIPsOfFamily, shouldPodBeInEndpoints, shouldSetHostname } from './pod-conditions.js';
import type { Pod } from './types.js';

const base: Pod = { metadata: { name: 'p', namespace: 'ns' }, spec: {}, status: { phase: 'Running', podIP: '10.42.0.5' } };
const with_ = (o: { status?: Pod['status']; deleting?: boolean; spec?: Pod['spec'] }): Pod => ({
  metadata: { ...base.metadata, deletionTimestamp: o.deleting ? '2024-01-01T00:00:00Z' : undefined },
  spec: { ...base.spec, ...o.spec }, status: { ...base.status, ...o.status },
});

describe('pod conditions', () => {
  it('belongs in endpoints with an IP, unless finished; terminating only when asked', () => {
    assert.equal(shouldPodBeInEndpoints(base, false), true);
    assert.equal(shouldPodBeInEndpoints(with_({ status: { podIP: undefined } }), true), false);
    assert.equal(shouldPodBeInEndpoints(with_({ status: { phase: 'Failed' } }), true), false);
    assert.equal(shouldPodBeInEndpoints(with_({ status: { phase: 'Succeeded' } }), true), false);
    assert.equal(shouldPodBeInEndpoints(with_({ deleting: true }), false), false);
    assert.equal(shouldPodBeInEndpoints(with_({ deleting: true }), true), true);
  });

  it('reads readiness from the Ready condition', () => {
    assert.equal(isPodReady(base), false);
    assert.equal(isPodReady(with_({ status: { conditions: [{ type: 'Ready', status: 'True' }] } })), true);
    assert.equal(isPodReady(with_({ status: { conditions: [{ type: 'ContainersReady', status: 'True' }] } })), false);
  });

  it('picks the addresses of a family from podIPs, or podIP alone', () => {
    assert.deepEqual(podIPsOfFamily(base, 'IPv4'), ['10.42.0.5']);
    const dual = with_({ status: { podIPs: [{ ip: '10.42.0.5' }, { ip: 'fd00::5' }] } });
    assert.deepEqual(podIPsOfFamily(dual, 'IPv6'), ['fd00::5']);
  });

  it('publishes the hostname only for the service its subdomain names, in its namespace', () => {
    const p = with_({ spec: { hostname: 'h', subdomain: 'svc' } });
    assert.equal(shouldSetHostname(p, { metadata: { name: 'svc', namespace: 'ns' } }), true);
    assert.equal(shouldSetHostname(p, { metadata: { name: 'other', namespace: 'ns' } }), false);
    assert.equal(shouldSetHostname(p, { metadata: { name: 'svc', namespace: 'elsewhere' } }), false);
    assert.equal(shouldSetHostname(with_({ spec: { subdomain: 'svc' } }), { metadata: { name: 'svc', namespace: 'ns' } }), false);
  });
});
