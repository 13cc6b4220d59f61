/** The Endpoints controller on an in-process API server, checked through the API and kubectl. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ResourceClient } from '../../client/index.js';
import { eventually } from '../../testing/index.js';
import { startControllerFixture, type ControllerFixture } from '../controller-fixture.js';
import { ENDPOINTS, EndpointsController, type Endpoints } from './index.js';
import { makePod, makeService, podsIn, releasePod, servicesIn, setPodStatus } from './test-objects.js';

let f: ControllerFixture;
const NS = 'default';
before(async () => {
  f = await startControllerFixture((cs, inf) => [new EndpointsController(cs, inf, { log: () => undefined }).controller]);
});
after(async () => { await f.stop(); });

const endpoints = (): ResourceClient<Endpoints> => f.clientset.resource<Endpoints>(ENDPOINTS).namespace(NS);
const getEp = async (name: string): Promise<Endpoints | undefined> => endpoints().get(name).catch(() => undefined);
const ips = (list: Array<{ ip: string }> | undefined): string[] => (list ?? []).map((a) => a.ip);

describe('EndpointsController', () => {
  it('lists ready and not-ready pods with named ports resolved per pod, and kubectl shows them', async () => {
    await makeService(f.clientset, NS, 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }, { app: 'web' });
    await makePod(f.clientset, NS, { name: 'web-1', ip: '10.42.0.5', node: 'n1', ports: [{ name: 'http', containerPort: 8080 }] });
    await makePod(f.clientset, NS, { name: 'web-2', ip: '10.42.0.6', node: 'n1', ports: [{ name: 'http', containerPort: 8080 }] });
    await makePod(f.clientset, NS, { name: 'web-3', ip: '10.42.0.7', node: 'n1', ready: false, ports: [{ name: 'http', containerPort: 8080 }] });
    await makePod(f.clientset, NS, { name: 'web-4', ip: '10.42.0.8', node: 'n1', ports: [{ name: 'other', containerPort: 9000 }] });
    await makePod(f.clientset, NS, { name: 'web-5', node: 'n1', ports: [{ name: 'http', containerPort: 8080 }] });
    await eventually(async () => ips((await getEp('web'))?.subsets?.[0]?.notReadyAddresses).length === 1
      && ips((await getEp('web'))?.subsets?.[0]?.addresses).length === 2, 10_000, 'the endpoints of web');
    const ep = await getEp('web') as Endpoints;
    const pods = await podsIn(f.clientset, NS).list();
    const uid = (n: string) => pods.items.find((p) => p.metadata.name === n)?.metadata.uid;
    assert.deepEqual(ep.subsets, [{
      addresses: [
        { ip: '10.42.0.5', nodeName: 'n1', targetRef: { kind: 'Pod', namespace: NS, name: 'web-1', uid: uid('web-1') } },
        { ip: '10.42.0.6', nodeName: 'n1', targetRef: { kind: 'Pod', namespace: NS, name: 'web-2', uid: uid('web-2') } },
      ],
      notReadyAddresses: [{ ip: '10.42.0.7', nodeName: 'n1', targetRef: { kind: 'Pod', namespace: NS, name: 'web-3', uid: uid('web-3') } }],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    }]);
    assert.deepEqual(ep.metadata.labels, { app: 'web', 'endpoints.kubernetes.io/managed-by': 'endpoint-controller' });
    assert.match(ep.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time'] ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.match(await f.k('get', 'endpoints', 'web'), /^NAME\s+ENDPOINTS\s+AGE\nweb\s+10\.42\.0\.5:8080,10\.42\.0\.6:8080\s+\d+s\n$/);

    // Readiness changes move the address between the lists.
    await setPodStatus(f.clientset, NS, 'web-3', '10.42.0.7', true);
    await setPodStatus(f.clientset, NS, 'web-1', '10.42.0.5', false);
    await eventually(async () => {
      const ss = (await getEp('web'))?.subsets?.[0];
      return ips(ss?.addresses).join() === '10.42.0.6,10.42.0.7' && ips(ss?.notReadyAddresses).join() === '10.42.0.5';
    }, 10_000, 'web-3 ready and web-1 not ready');
  });

  it('drops terminating pods unless not-ready addresses are published', async () => {
    await makeService(f.clientset, NS, 'term', { selector: { app: 'term' }, ports: [{ port: 80, targetPort: 80 }] });
    await makeService(f.clientset, NS, 'term-all', { selector: { app: 'term' }, ports: [{ port: 80, targetPort: 80 }], publishNotReadyAddresses: true });
    try {
      await makePod(f.clientset, NS, { name: 'term-1', labels: { app: 'term' }, ip: '10.42.1.5', node: 'n1', finalizers: ['example.com/hold'] });
      await makePod(f.clientset, NS, { name: 'term-2', labels: { app: 'term' }, ip: '10.42.1.6', node: 'n1', ready: false });
      await eventually(async () => ips((await getEp('term'))?.subsets?.[0]?.addresses).join() === '10.42.1.5', 10_000, 'term endpoints');
      assert.deepEqual(ips((await getEp('term'))?.subsets?.[0]?.notReadyAddresses), ['10.42.1.6']);
      await eventually(async () => ips((await getEp('term-all'))?.subsets?.[0]?.addresses).join() === '10.42.1.5,10.42.1.6', 10_000, 'term-all: every pod ready');
      await podsIn(f.clientset, NS).delete('term-1', { gracePeriodSeconds: 0 });
      await eventually(async () => ips((await getEp('term'))?.subsets?.[0]?.addresses).length === 0, 10_000, 'the terminating pod to leave term');
      assert.deepEqual(ips((await getEp('term'))?.subsets?.[0]?.notReadyAddresses), ['10.42.1.6']);
      assert.deepEqual(ips((await getEp('term-all'))?.subsets?.[0]?.addresses), ['10.42.1.5', '10.42.1.6']);
    } finally {
      await releasePod(f.clientset, NS, 'term-1');
    }
  });

  it('follows a selector change, and shows <none> without endpoints', async () => {
    await makeService(f.clientset, NS, 'sel', { selector: { app: 'sel-a' }, ports: [{ port: 80, targetPort: 80 }] });
    await makePod(f.clientset, NS, { name: 'sel-a', labels: { app: 'sel-a' }, ip: '10.42.2.5', node: 'n1' });
    await eventually(async () => ips((await getEp('sel'))?.subsets?.[0]?.addresses).join() === '10.42.2.5', 10_000, 'sel endpoints');
    await servicesIn(f.clientset, NS).patch('sel', 'merge', { spec: { selector: { app: 'sel-b' } } });
    await eventually(async () => (await getEp('sel'))?.subsets === undefined, 10_000, 'sel to lose its endpoints');
    assert.match(await f.k('get', 'ep', 'sel'), /\nsel\s+<none>\s+\d+s\n$/);
    await makePod(f.clientset, NS, { name: 'sel-b', labels: { app: 'sel-b' }, ip: '10.42.2.6', node: 'n1' });
    await eventually(async () => ips((await getEp('sel'))?.subsets?.[0]?.addresses).join() === '10.42.2.6', 10_000, 'sel to list sel-b');
    // Relabeling a pod moves it in too.
    await podsIn(f.clientset, NS).patch('sel-a', 'merge', { metadata: { labels: { app: 'sel-b' } } });
    await eventually(async () => ips((await getEp('sel'))?.subsets?.[0]?.addresses).join() === '10.42.2.5,10.42.2.6', 10_000, 'sel to list both');
  });

  it('labels headless services\' endpoints and publishes hostnames of the subdomain', async () => {
    await makeService(f.clientset, NS, 'db', { clusterIP: 'None', selector: { app: 'db' } });
    await makePod(f.clientset, NS, { name: 'db-0', labels: { app: 'db' }, ip: '10.42.3.5', node: 'n1', hostname: 'db-0', subdomain: 'db' });
    await eventually(async () => ips((await getEp('db'))?.subsets?.[0]?.addresses).length === 1, 10_000, 'db endpoints');
    const ep = await getEp('db') as Endpoints;
    assert.equal(ep.subsets?.[0].addresses?.[0].hostname, 'db-0');
    assert.equal(ep.subsets?.[0].ports, undefined);
    assert.deepEqual(ep.metadata.labels, { 'service.kubernetes.io/headless': '', 'endpoints.kubernetes.io/managed-by': 'endpoint-controller' });
    assert.match(await f.k('get', 'endpoints', 'db'), /\ndb\s+10\.42\.3\.5\s+\d+s\n$/);
  });

  it('leaves Endpoints of services without selector alone, and deletes only its own when a service goes', async () => {
    await makeService(f.clientset, NS, 'ext', { ports: [{ port: 5432, targetPort: 5432 }] });
    await endpoints().create({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'ext' }, subsets: [{ addresses: [{ ip: '192.0.2.10' }], ports: [{ port: 5432 }] }] });
    // A service with a selector, synced after the user's Endpoints exist.
    await makeService(f.clientset, NS, 'gone', { selector: { app: 'gone' }, ports: [{ port: 80, targetPort: 80 }] });
    await makePod(f.clientset, NS, { name: 'gone-1', labels: { app: 'gone' }, ip: '10.42.4.5', node: 'n1' });
    await eventually(async () => ips((await getEp('gone'))?.subsets?.[0]?.addresses).length === 1, 10_000, 'gone endpoints');
    const ext = await getEp('ext') as Endpoints;
    assert.equal(ext.metadata.labels, undefined);
    assert.deepEqual(ips(ext.subsets?.[0].addresses), ['192.0.2.10']);

    await servicesIn(f.clientset, NS).delete('gone');
    await servicesIn(f.clientset, NS).delete('ext');
    await eventually(async () => (await getEp('gone')) === undefined, 10_000, 'the managed Endpoints to be deleted');
    assert.deepEqual(ips((await getEp('ext'))?.subsets?.[0].addresses), ['192.0.2.10']);
  });

  it('recreates its Endpoints when they are deleted', async () => {
    await makeService(f.clientset, NS, 'again', { selector: { app: 'again' }, ports: [{ port: 80, targetPort: 80 }] });
    await makePod(f.clientset, NS, { name: 'again-1', labels: { app: 'again' }, ip: '10.42.5.5', node: 'n1' });
    await eventually(async () => ips((await getEp('again'))?.subsets?.[0]?.addresses).length === 1, 10_000, 'again endpoints');
    const before = (await getEp('again'))?.metadata.uid;
    await endpoints().delete('again');
    await eventually(async () => {
      const ep = await getEp('again');
      return ep !== undefined && ep.metadata.uid !== before && ips(ep.subsets?.[0]?.addresses).length === 1;
    }, 10_000, 'the Endpoints to come back');
  });
});
