/** The ServiceAccount controller and the root CA publisher on an in-process API server, read with kubectl. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KObject } from '../../api/index.js';
import { eventually } from '../../testing/index.js';
import { startControllerFixture, type ControllerFixture } from '../controller-fixture.js';
import { ROOT_CA_DESCRIPTION, RootCaPublisher, SERVICEACCOUNTS, ServiceAccountsController } from './index.js';

let f: ControllerFixture;
let ca = '';
before(async () => {
  f = await startControllerFixture((cs, inf, fx) => {
    ca = fx.server.pki.caCert;
    return [
      new ServiceAccountsController(cs, inf, { log: () => undefined }).controller,
      new RootCaPublisher(cs, inf, { caCert: ca, log: () => undefined }).controller,
    ];
  });
});
after(async () => { await f.stop(); });

const CM = { group: '', version: 'v1', resource: 'configmaps' };
const namespacesOf = (out: string, name: string): string[] =>
  out.trim().split('\n').slice(1).map((l) => l.split(/\s+/)).filter((c) => c[1] === name).map((c) => c[0]).sort();

describe('ServiceAccountsController', () => {
  it('gives every namespace a default ServiceAccount, and makes it again when deleted', async () => {
    await f.k('create', 'namespace', 'team-a');
    let out = '';
    await eventually(async () => {
      out = await f.k('get', 'sa', '-A');
      return namespacesOf(out, 'default').includes('team-a');
    }, 10_000, 'default ServiceAccount in team-a');
    assert.match(out.split('\n')[0], /^NAMESPACE\s+NAME\s+SECRETS\s+AGE$/);
    const nss = (await f.k('get', 'ns', '-o', 'name')).trim().split('\n').map((l) => l.replace('namespace/', '')).sort();
    assert.deepEqual(namespacesOf(out, 'default'), nss);

    const sas = f.clientset.resource(SERVICEACCOUNTS).namespace('team-a');
    const first = await sas.get('default');
    assert.match(await f.k('delete', 'sa', 'default', '-n', 'team-a'), /serviceaccount "default" deleted/);
    let again: KObject | undefined;
    await eventually(async () => {
      again = await sas.get('default').catch(() => undefined);
      return again !== undefined;
    }, 10_000, 'the default ServiceAccount to come back');
    assert.notEqual(again?.metadata.uid, first.metadata.uid);
  });
});

describe('RootCaPublisher', () => {
  it('publishes kube-root-ca.crt in every namespace and restores it when changed or deleted', async () => {
    await f.k('create', 'namespace', 'team-b');
    const cms = f.clientset.resource<KObject & { data?: Record<string, string> }>(CM).namespace('team-b');
    await eventually(async () => (await cms.get('kube-root-ca.crt').catch(() => undefined)) !== undefined, 10_000, 'kube-root-ca.crt');
    const cm = await cms.get('kube-root-ca.crt');
    assert.deepEqual(cm.data, { 'ca.crt': ca });
    assert.match(ca, /^-----BEGIN CERTIFICATE-----/);
    assert.equal(cm.metadata.annotations?.['kubernetes.io/description'], ROOT_CA_DESCRIPTION);
    const all = await f.k('get', 'configmap', '-A', '--field-selector=metadata.name=kube-root-ca.crt');
    const nss = (await f.k('get', 'ns', '-o', 'name')).trim().split('\n').map((l) => l.replace('namespace/', '')).sort();
    assert.deepEqual(namespacesOf(all, 'kube-root-ca.crt'), nss);

    await f.k('patch', 'configmap', 'kube-root-ca.crt', '-n', 'team-b', '--type=merge', '-p', '{"data":{"ca.crt":"tampered","extra":"x"}}');
    await eventually(async () => {
      const cur = await cms.get('kube-root-ca.crt');
      return cur.data?.['ca.crt'] === ca && cur.data.extra === undefined;
    }, 10_000, 'the CA to be put back');

    await f.k('delete', 'configmap', 'kube-root-ca.crt', '-n', 'team-b');
    await eventually(async () => (await cms.get('kube-root-ca.crt').catch(() => undefined))?.data?.['ca.crt'] === ca, 10_000, 'the ConfigMap to come back');
  });
});
