import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KObject } from '../api/index.js';
import { keyOf, ownerUidIndex, splitKey, Store } from './store.js';

type Pod = KObject & { spec?: { nodeName?: string } };
const pod = (ns: string, name: string, node?: string, owner?: string): Pod => ({
  metadata: { namespace: ns, name, ownerReferences: owner ? [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: owner }] : undefined },
  spec: { nodeName: node },
});

describe('Store', () => {
  it('keys objects by namespace/name and hands out the stored object itself', () => {
    const s = new Store<Pod>();
    const p = pod('default', 'a');
    s.set(keyOf(p), p);
    assert.equal(keyOf(p), 'default/a');
    assert.equal(keyOf({ metadata: { name: 'node-1' } }), 'node-1');
    assert.deepEqual(splitKey('default/a'), { namespace: 'default', name: 'a' });
    assert.deepEqual(splitKey('node-1'), { name: 'node-1' });
    assert.equal(s.get('default/a'), p);
    assert.equal(s.getByName('default', 'a'), p);
    assert.equal(s.list()[0], p);
  });

  it('keeps custom indexes current through updates and deletes', () => {
    const s = new Store<Pod>({ node: (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []), owner: ownerUidIndex });
    s.set('ns/a', pod('ns', 'a', 'n1', 'rs1'));
    s.set('ns/b', pod('ns', 'b', 'n1', 'rs1'));
    s.set('other/c', pod('other', 'c'));
    assert.deepEqual(s.byIndex('node', 'n1').map((p) => p.metadata.name).sort(), ['a', 'b']);
    assert.deepEqual(s.byIndex('namespace', 'other').map((p) => p.metadata.name), ['c']);
    s.set('ns/a', pod('ns', 'a', 'n2', 'rs1'));
    assert.deepEqual(s.byIndex('node', 'n1').map((p) => p.metadata.name), ['b']);
    assert.deepEqual(s.byIndex('node', 'n2').map((p) => p.metadata.name), ['a']);
    s.delete('ns/b');
    assert.deepEqual(s.byIndex('node', 'n1'), []);
    assert.deepEqual(s.indexKeys('owner', 'rs1'), ['ns/a']);
    s.addIndexers({ late: (p) => [p.metadata.namespace ?? ''] });
    assert.deepEqual(s.indexKeys('late', 'other'), ['other/c'], 'a late indexer covers stored objects');
    assert.throws(() => s.byIndex('nope', 'x'), /no such indexer/);
  });
});
