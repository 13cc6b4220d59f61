import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Endpoints } from '../endpoints/index.js';
import { mirrorDesired } from './mirror-desired.js';
import { planMirror } from './mirror-planner.js';

const ep = (subsets: Endpoints['subsets'], extra: Partial<Endpoints['metadata']> = {}): Endpoints => ({
  metadata: { name: 'ext', namespace: 'ns', uid: 'ep-uid', labels: { team: 'a' }, annotations: { note: 'x', 'kubectl.kubernetes.io/last-applied-configuration': '{}' }, ...extra },
  subsets,
});

describe('mirroring', () => {
  it('mirrors each port set into one slice owned by the Endpoints, with ready conditions', () => {
    const e = ep([
      { addresses: [{ ip: '192.0.2.1', nodeName: 'n1' }], notReadyAddresses: [{ ip: '192.0.2.2' }], ports: [{ name: 'db', port: 5432, protocol: 'TCP' }] },
      { addresses: [{ ip: 'fd00::1' }], ports: [{ name: 'db', port: 5432, protocol: 'TCP' }] },
    ]);
    const d = mirrorDesired(e, 1000);
    assert.equal(d.invalid, 0);
    const plan = planMirror(e, [], d.groups, 1000);
    assert.equal(plan.create.length, 2);
    const [v4, v6] = plan.create;
    assert.equal(v4.addressType, 'IPv4');
    assert.equal(v6.addressType, 'IPv6');
    assert.equal(v4.metadata.generateName, 'ext-');
    assert.deepEqual(v4.metadata.labels, { team: 'a', 'kubernetes.io/service-name': 'ext', 'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io' });
    assert.deepEqual(v4.metadata.annotations, { note: 'x' });
    assert.deepEqual(v4.metadata.ownerReferences, [{ apiVersion: 'v1', kind: 'Endpoints', name: 'ext', uid: 'ep-uid', controller: true, blockOwnerDeletion: true }]);
    assert.deepEqual(v4.endpoints, [
      { addresses: ['192.0.2.1'], conditions: { ready: true }, nodeName: 'n1' },
      { addresses: ['192.0.2.2'], conditions: { ready: false } },
    ]);
    assert.deepEqual(v4.ports, [{ name: 'db', protocol: 'TCP', port: 5432 }]);

    // Unchanged: nothing to do. Changed: the same slice is rewritten.
    const created = plan.create.map((s, i) => ({ ...s, metadata: { ...s.metadata, name: `ext-${i}`, resourceVersion: '3' } }));
    assert.deepEqual(planMirror(e, created, mirrorDesired(e, 1000).groups, 1000), { create: [], update: [], delete: [] });
    const e2 = ep([{ addresses: [{ ip: '192.0.2.9' }], ports: [{ name: 'db', port: 5432, protocol: 'TCP' }] }]);
    const p2 = planMirror(e2, created, mirrorDesired(e2, 1000).groups, 1000);
    assert.deepEqual(p2.update.map((s) => [s.metadata.name, s.endpoints?.map((x) => x.addresses?.[0])]), [['ext-0', ['192.0.2.9']]]);
    assert.deepEqual(p2.delete.map((s) => s.metadata.name), ['ext-1']);
  });

  it('counts invalid addresses and those beyond the per-subset limit', () => {
    const d = mirrorDesired(ep([{ addresses: [{ ip: 'not-an-ip' }, { ip: '192.0.2.1' }, { ip: '192.0.2.2' }, { ip: '192.0.2.3' }] }]), 2);
    assert.equal(d.invalid, 1);
    assert.equal(d.skipped, 2);
  });
});
