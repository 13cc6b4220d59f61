/** startControllers as `navarch server` runs it: behind leader election, every controller on one informer factory. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, startApiFixture, type ApiFixture } from '../testing/index.js';
import { LEASES } from '../client/index.js';
import { startControllers, type RunningControllers } from './index.js';

let fx: ApiFixture;
let running: RunningControllers;
before(async () => {
  fx = await startApiFixture();
  running = startControllers(fx.newClientset(), { caCert: fx.server.pki.caCert, log: () => undefined });
});
after(async () => { await running.stop(); await fx.stop(); });

describe('startControllers', () => {
  it('takes the kube-controller-manager Lease and runs the controllers', async () => {
    await eventually(() => running.manager.isLeader(), 10_000, 'leadership');
    // (Stopping informers while their first list is in flight leaves a watch open — see the informer's run loop.)
    await eventually(() => running.controllers.every((c) => c.running), 10_000, 'every controller running');
    const lease = await fx.clientset.resource(LEASES).namespace('kube-system').get('kube-controller-manager');
    assert.equal((lease.spec as { holderIdentity?: string }).holderIdentity, running.manager.identity);
    const rs = fx.clientset.resource({ group: 'apps', version: 'v1', resource: 'replicasets' }).namespace('default');
    await rs.create({
      metadata: { name: 'one' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'one' } }, template: { metadata: { labels: { app: 'one' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    const pods = fx.clientset.resource({ group: '', version: 'v1', resource: 'pods' }).namespace('default');
    await eventually(async () => (await pods.list({ labelSelector: 'app=one' })).items.length === 1, 10_000, 'a pod of ReplicaSet one');
    const sa = fx.clientset.resource({ group: '', version: 'v1', resource: 'serviceaccounts' }).namespace('kube-public');
    await eventually(async () => sa.get('default').then(() => true, () => false), 10_000, 'the default ServiceAccount');
  });
});
