import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  controllerRevisionName, equalRevision, newControllerRevision, nextRevision, REVISION_HASH_LABEL, revisionBytes, revisionsBeyondLimit,
  sortRevisions, templateOfRevision, templatePatch, type ControllerRevision,
} from './revision.js';

const rev = (name: string, revision: number, data: unknown = {}, created = '2026-01-01T00:00:00Z'): ControllerRevision =>
  ({ metadata: { name, creationTimestamp: created }, revision, data });

describe('revision', () => {
  it('builds the patch kubectl rollout undo applies, and reads the template back from it', () => {
    const template = { spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] }, metadata: { labels: { app: 'web' }, creationTimestamp: null } };
    const patch = templatePatch(template);
    assert.equal(revisionBytes(patch), '{"spec":{"template":{"$patch":"replace","metadata":{"creationTimestamp":null,"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.25","name":"c"}]}}}}');
    // Key order of the stored object is already Go's, so JSON.stringify writes the same bytes.
    assert.equal(JSON.stringify(patch), revisionBytes(patch));
    assert.deepEqual(templateOfRevision({ metadata: {}, data: patch }), template);
  });

  it('names revisions <owner>-<hash>, cutting long owner names to 223 characters', () => {
    assert.equal(controllerRevisionName('web', 'abc'), 'web-abc');
    assert.equal(controllerRevisionName('x'.repeat(300), 'h').length, 225);
  });

  it('makes a revision owned by its controller with the template labels and the data hash', () => {
    const owner = { metadata: { name: 'web', namespace: 'default', uid: 'u1' } };
    const a = newControllerRevision(owner, { apiVersion: 'apps/v1', kind: 'StatefulSet' }, { app: 'web' }, templatePatch({ spec: {} }), 1, 0);
    const b = newControllerRevision(owner, { apiVersion: 'apps/v1', kind: 'StatefulSet' }, { app: 'web' }, templatePatch({ spec: {} }), 1, 1);
    assert.equal(a.metadata.name, `web-${a.metadata.labels?.[REVISION_HASH_LABEL]}`);
    assert.equal(a.metadata.labels?.app, 'web');
    assert.deepEqual(a.metadata.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u1', controller: true, blockOwnerDeletion: true }]);
    assert.notEqual(a.metadata.name, b.metadata.name);
    assert.equal(equalRevision(a, { ...a, metadata: { ...a.metadata, labels: {} } }), true);
    assert.equal(equalRevision(a, b), true, 'same data, safe-encoded hash labels are not compared');
    const num = (h: string) => ({ ...a, metadata: { ...a.metadata, labels: { [REVISION_HASH_LABEL]: h } } });
    assert.equal(equalRevision(num('12'), num('13')), false, 'decimal hash labels are compared');
    assert.equal(equalRevision(a, { ...a, data: templatePatch({ spec: { x: 1 } }) }), false);
  });

  it('sorts by revision, then age, then name; numbers the next one; keeps the limit of non-live history', () => {
    const revs = [rev('c', 3), rev('b', 1, {}, '2026-01-02T00:00:00Z'), rev('a', 1, {}, '2026-01-02T00:00:00Z'), rev('z', 1)];
    assert.deepEqual(sortRevisions(revs).map((r) => r.metadata.name), ['z', 'a', 'b', 'c']);
    assert.equal(nextRevision(sortRevisions(revs)), 4);
    assert.equal(nextRevision([]), 1);
    const many = [1, 2, 3, 4, 5].map((n) => rev(`r${n}`, n));
    assert.deepEqual(revisionsBeyondLimit(many, (r) => r.metadata.name === 'r1' || r.metadata.name === 'r5', 2).map((r) => r.metadata.name), ['r2']);
    assert.deepEqual(revisionsBeyondLimit(many, () => false, 10), []);
  });
});
