import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { claimsFor, identityMatches, newStatefulSetPod, newVersionedPod, parentAndOrdinal, storageMatches } from './identity.js';
import type { StatefulSet } from './types.js';

const set: StatefulSet = {
  metadata: { name: 'web', namespace: 'ns', uid: 'u' },
  spec: {
    replicas: 3, serviceName: 'nginx', selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' }, annotations: { a: 'b' } }, spec: { containers: [{ name: 'c' }], volumes: [{ name: 'data', emptyDir: {} }, { name: 'cfg', configMap: { name: 'x' } }] } },
    volumeClaimTemplates: [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', labels: { tier: 'db' }, creationTimestamp: null }, spec: { accessModes: ['ReadWriteOnce'] }, status: { phase: 'Pending' } }],
  },
};

describe('stateful identity', () => {
  it('parses ordinals from names', () => {
    assert.deepEqual(parentAndOrdinal('web-12'), { parent: 'web', ordinal: 12 });
    assert.deepEqual(parentAndOrdinal('my-web-0'), { parent: 'my-web', ordinal: 0 });
    assert.deepEqual(parentAndOrdinal('web'), { parent: '', ordinal: -1 });
    assert.deepEqual(parentAndOrdinal('web-99999999999'), { parent: 'web', ordinal: -1 });
  });

  it('makes a pod with its name, labels, hostname, subdomain and claim volumes', () => {
    const p = newStatefulSetPod(set, 1, 'web-abc');
    assert.equal(p.metadata.name, 'web-1');
    assert.equal(p.metadata.namespace, 'ns');
    assert.deepEqual(p.metadata.labels, { app: 'web', 'statefulset.kubernetes.io/pod-name': 'web-1', 'apps.kubernetes.io/pod-index': '1', 'controller-revision-hash': 'web-abc' });
    assert.deepEqual(p.metadata.annotations, { a: 'b' });
    assert.equal(p.spec?.hostname, 'web-1');
    assert.equal(p.spec?.subdomain, 'nginx');
    assert.deepEqual(p.spec?.volumes, [{ name: 'data', persistentVolumeClaim: { claimName: 'data-web-1' } }, { name: 'cfg', configMap: { name: 'x' } }]);
    assert.equal(identityMatches(set, p), true);
    assert.equal(storageMatches(set, p), true);
    assert.equal(storageMatches(set, { ...p, spec: { ...p.spec, volumes: [] } }), false);
    assert.equal(identityMatches(set, { ...p, metadata: { ...p.metadata, labels: {} } }), false);
  });

  it('names claims <template>-<set>-<ordinal> with the template labels and the set\'s matchLabels', () => {
    const c = claimsFor(set, 2).get('data');
    assert.equal(c?.metadata.name, 'data-web-2');
    assert.deepEqual(c?.metadata.labels, { tier: 'db', app: 'web' });
    assert.equal('creationTimestamp' in (c?.metadata ?? {}), false);
    assert.equal('status' in (c ?? {}), false);
  });

  it('makes ordinals below the partition at the current revision', () => {
    const s: StatefulSet = { ...set, spec: { ...set.spec, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } } };
    assert.equal(newVersionedPod(s, s, 'cur', 'upd', 1).metadata.labels?.['controller-revision-hash'], 'cur');
    assert.equal(newVersionedPod(s, s, 'cur', 'upd', 2).metadata.labels?.['controller-revision-hash'], 'upd');
  });
});
