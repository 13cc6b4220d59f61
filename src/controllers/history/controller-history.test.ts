/** ControllerHistory and claiming against an in-process API server. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Informer, type Clientset } from '../../client/index.js';
import { eventually, startApiFixture, type ApiFixture } from '../../testing/index.js';
import { ControllerHistory } from './controller-history.js';
import { claimObjects, recheckOwner } from './claim.js';
import { CONTROLLERREVISIONS, controllerRevisionName, newControllerRevision, templatePatch, type ControllerRevision } from './revision.js';
import { revisionDataHash } from './hash.js';

let fx: ApiFixture;
let cs: Clientset;
let informer: Informer<ControllerRevision>;
let history: ControllerHistory;
const KIND = { apiVersion: 'apps/v1', kind: 'StatefulSet' };
const owner = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web', namespace: 'default', uid: 'owner-uid' } };

before(async () => {
  fx = await startApiFixture();
  cs = fx.newClientset();
  informer = new Informer<ControllerRevision>(cs.resource<ControllerRevision>(CONTROLLERREVISIONS));
  informer.start();
  assert.equal(await informer.waitForSync(10_000), true);
  history = new ControllerHistory(cs, informer);
});
after(async () => {
  await informer.stop();
  await fx.stop();
});

const template = (image: string) => ({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image }] } });

describe('ControllerHistory', () => {
  it('creates a revision whose data the server returns in the bytes kubectl compares', async () => {
    const data = templatePatch(template('nginx:1.25'));
    const cr = newControllerRevision(owner, KIND, { app: 'web' }, data, 1, 0);
    const created = await history.create(owner, cr, { value: 0 });
    assert.equal(created.metadata.name, controllerRevisionName('web', revisionDataHash(data, 0)));
    const res = await cs.rest.request('GET', `/apis/apps/v1/namespaces/default/controllerrevisions/${created.metadata.name ?? ''}`);
    const text = res.text;
    assert.ok(text.includes(`"data":${JSON.stringify(data)}`), `data bytes as stored: ${text}`);
    // Creating the same data again returns the existing revision.
    const again = await history.create(owner, cr, { value: 0 });
    assert.equal(again.metadata.uid, created.metadata.uid);
  });

  it('moves to the next collision count while the name is taken by other data', async () => {
    const data = templatePatch(template('redis:7'));
    const squatter = { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: controllerRevisionName('web', revisionDataHash(data, 0)) }, data: { other: true }, revision: 1 };
    await history.client('default').create(squatter);
    const count = { value: 0 };
    const created = await history.create(owner, newControllerRevision(owner, KIND, { app: 'web' }, data, 2, 0), count);
    assert.equal(count.value, 1);
    assert.equal(created.metadata.name, controllerRevisionName('web', revisionDataHash(data, 1)));
  });

  it('renumbers a revision and lists those owned or orphaned that match', async () => {
    await eventually(() => history.list(owner, (l) => l?.app === 'web').length === 2, 5000, 'two owned revisions in the cache');
    const [first] = history.list(owner, (l) => l?.app === 'web');
    const bumped = await history.updateRevision(first, 7);
    assert.equal(bumped.revision, 7);
    assert.equal((await history.client('default').get(first.metadata.name ?? '')).revision, 7);
    // The squatter has no labels: it matches nothing.
    assert.equal(history.list(owner, () => true).length, 3);
    assert.equal(history.list(owner, (l) => l?.app === 'web').length, 2);
  });

  it('claims: adopts matching orphans after the owner check, releases non-matching own objects, leaves others', async () => {
    const c = history.client('default');
    const mk = (name: string, labels: Record<string, string>, refs?: ControllerRevision['metadata']['ownerReferences']) =>
      c.create({ apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name, labels, ownerReferences: refs }, data: {}, revision: 1 });
    const orphan = await mk('orphan', { team: 'a' });
    const mine = await mk('mine-stale', { team: 'b' }, [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'owner-uid', controller: true }]);
    const theirs = await mk('theirs', { team: 'a' }, [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'other', controller: true }]);
    let checks = 0;
    const claimed = await claimObjects([orphan, mine, theirs], {
      owner, ownerKind: KIND, matches: (r) => r.metadata.labels?.team === 'a', client: c,
      canAdopt: async () => { checks++; return true; },
    });
    assert.deepEqual(claimed.map((r) => r.metadata.name), ['orphan']);
    assert.equal(checks, 1);
    assert.equal((await c.get('orphan')).metadata.ownerReferences?.[0]?.uid, 'owner-uid');
    assert.equal((await c.get('mine-stale')).metadata.ownerReferences, undefined);
    assert.equal((await c.get('theirs')).metadata.ownerReferences?.[0]?.uid, 'other');
    // No adoption once the owner check fails.
    const orphan2 = await mk('orphan2', { team: 'a' });
    const none = await claimObjects([orphan2], { owner, ownerKind: KIND, matches: () => true, client: c, canAdopt: recheckOwner(() => c.get('no-such-owner'), 'x') });
    assert.deepEqual(none, []);
  });
});
