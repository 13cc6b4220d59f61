/** The EndpointSlice controller (with the garbage collector) on an in-process API server, checked through the API and kubectl. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ResourceClient } from '../../client/index.js';
import { eventually } from '../../testing/index.js';
import { startControllerFixture, type ControllerFixture } from '../controller-fixture.js';
import { GarbageCollector } from '../garbagecollector/index.js';
import { ENDPOINTSLICES, EndpointSliceController, type EndpointSlice } from './index.js';
import { makeNode, makePod, makeService, podsIn, releasePod, servicesIn, setPodStatus } from './test-objects.js';

let f: ControllerFixture;
const NS = 'default';
before(async () => {
  f = await startControllerFixture((cs, inf) => [
    new EndpointSliceController(cs, inf, { log: () => undefined }).controller,
    new GarbageCollector(cs, inf, { log: () => undefined }),
  ]);
  await makeNode(f.clientset, 'n1', 'zone-a');
});
after(async () => { await f.stop(); });

const slicesClient = (): ResourceClient<EndpointSlice> => f.clientset.resource<EndpointSlice>(ENDPOINTSLICES).namespace(NS);
const slicesOf = async (svc: string): Promise<EndpointSlice[]> => (await slicesClient().list({ labelSelector: `kubernetes.io/service-name=${svc}` })).items;
const addrs = (slices: EndpointSlice[]): string[] => slices.flatMap((s) => (s.endpoints ?? []).flatMap((e) => e.addresses ?? [])).sort();
const endpointOf = (slices: EndpointSlice[], ip: string) => slices.flatMap((s) => s.endpoints ?? []).find((e) => e.addresses?.includes(ip));

describe('EndpointSliceController', () => {
  it('writes one slice per service with conditions, node, zone, target, named ports, and kubectl shows it', async () => {
    const svc = await makeService(f.clientset, NS, 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }, { app: 'web' });
    const ports = [{ name: 'http', containerPort: 8080 }];
    const p1 = await makePod(f.clientset, NS, { name: 'web-1', ip: '10.42.0.5', node: 'n1', ports });
    await makePod(f.clientset, NS, { name: 'web-2', ip: '10.42.0.6', node: 'n1', ports, ready: false });
    await makePod(f.clientset, NS, { name: 'web-3', node: 'n1', ports });
    await eventually(async () => addrs(await slicesOf('web')).join() === '10.42.0.5,10.42.0.6', 10_000, 'the slice of web');
    const [slice] = await slicesOf('web');
    assert.match(slice.metadata.name ?? '', /^web-[a-z0-9]{5}$/);
    assert.equal(slice.metadata.generateName, 'web-');
    assert.deepEqual(slice.metadata.labels, {
      app: 'web', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    assert.deepEqual(slice.metadata.ownerReferences, [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    assert.match(slice.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time'] ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(slice.addressType, 'IPv4');
    assert.deepEqual(slice.ports, [{ name: 'http', protocol: 'TCP', port: 8080 }]);
    assert.deepEqual(endpointOf([slice], '10.42.0.5'), {
      addresses: ['10.42.0.5'], conditions: { ready: true, serving: true, terminating: false },
      targetRef: { kind: 'Pod', namespace: NS, name: 'web-1', uid: p1.metadata.uid }, nodeName: 'n1', zone: 'zone-a',
    });
    assert.deepEqual(endpointOf([slice], '10.42.0.6')?.conditions, { ready: false, serving: false, terminating: false });
    const out = await f.k('get', 'endpointslices', '-l', 'kubernetes.io/service-name=web');
    assert.match(out, new RegExp(`^NAME\\s+ADDRESSTYPE\\s+PORTS\\s+ENDPOINTS\\s+AGE\\n${slice.metadata.name}\\s+IPv4\\s+8080\\s+10\\.42\\.0\\.5,10\\.42\\.0\\.6\\s+\\d+s\\n$`));

    // The same slice is updated as pods change; no new slice appears.
    await setPodStatus(f.clientset, NS, 'web-3', '10.42.0.7', true);
    await eventually(async () => addrs(await slicesOf('web')).length === 3, 10_000, 'web-3 in the slice');
    assert.deepEqual((await slicesOf('web')).map((s) => s.metadata.name), [slice.metadata.name]);
  });

  it('keeps terminating pods with serving from readiness and ready false', async () => {
    await makeService(f.clientset, NS, 'term', { selector: { app: 'term' }, ports: [{ port: 80, targetPort: 80 }] });
    try {
      await makePod(f.clientset, NS, { name: 'term-1', labels: { app: 'term' }, ip: '10.42.1.5', node: 'n1', finalizers: ['example.com/hold'] });
      await eventually(async () => endpointOf(await slicesOf('term'), '10.42.1.5')?.conditions?.ready === true, 10_000, 'term-1 ready');
      await podsIn(f.clientset, NS).delete('term-1', { gracePeriodSeconds: 0 });
      await eventually(async () => endpointOf(await slicesOf('term'), '10.42.1.5')?.conditions?.terminating === true, 10_000, 'term-1 terminating');
      assert.deepEqual(endpointOf(await slicesOf('term'), '10.42.1.5')?.conditions, { ready: false, serving: true, terminating: true });
      await setPodStatus(f.clientset, NS, 'term-1', '10.42.1.5', false);
      await eventually(async () => endpointOf(await slicesOf('term'), '10.42.1.5')?.conditions?.serving === false, 10_000, 'term-1 not serving');
    } finally {
      await releasePod(f.clientset, NS, 'term-1');
    }
    await eventually(async () => addrs(await slicesOf('term')).length === 0, 10_000, 'term-1 gone from the slice');
  });

  it('keeps an empty placeholder slice and fills that same slice when pods come', async () => {
    await makeService(f.clientset, NS, 'empty', { selector: { app: 'empty' }, ports: [{ port: 80, targetPort: 80 }] });
    await eventually(async () => (await slicesOf('empty')).length === 1, 10_000, 'a placeholder slice');
    const [placeholder] = await slicesOf('empty');
    assert.equal(placeholder.endpoints?.length ?? 0, 0);
    assert.match(await f.k('get', 'endpointslice', placeholder.metadata.name ?? ''), /\n\S+\s+IPv4\s+<unset>\s+<unset>\s+\d+s\n$/);
    await makePod(f.clientset, NS, { name: 'empty-1', labels: { app: 'empty' }, ip: '10.42.2.5', node: 'n1' });
    await eventually(async () => addrs(await slicesOf('empty')).join() === '10.42.2.5', 10_000, 'the pod in the slice');
    assert.deepEqual((await slicesOf('empty')).map((s) => [s.metadata.name, s.ports]), [[placeholder.metadata.name, [{ name: '', protocol: 'TCP', port: 80 }]]]);
  });

  it('splits more than 100 endpoints over several slices', async () => {
    const ids = Array.from({ length: 105 }, (_, i) => i);
    for (let i = 0; i < ids.length; i += 15) {
      await Promise.all(ids.slice(i, i + 15).map((n) => makePod(f.clientset, NS, {
        name: `big-${n}`, labels: { app: 'big' }, ip: `10.42.${10 + Math.floor(n / 200)}.${(n % 200) + 1}`, node: 'n1',
      })));
    }
    await makeService(f.clientset, NS, 'big', { selector: { app: 'big' }, ports: [{ port: 80, targetPort: 80 }] });
    await eventually(async () => addrs(await slicesOf('big')).length === 105, 20_000, '105 endpoints');
    const sizes = (await slicesOf('big')).map((s) => s.endpoints?.length ?? 0).sort((a, b) => b - a);
    assert.equal(sizes.length, 2);
    assert.ok(sizes.every((n) => n <= 100), `slice sizes ${sizes.join()}`);
  });

  it('reuses the slice when the service port changes, and follows pods between services', async () => {
    await makeService(f.clientset, NS, 'move', { selector: { app: 'move' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
    await makePod(f.clientset, NS, { name: 'move-1', labels: { app: 'move' }, ip: '10.42.3.5', node: 'n1' });
    await eventually(async () => addrs(await slicesOf('move')).length === 1, 10_000, 'the move slice');
    const [before] = await slicesOf('move');
    await servicesIn(f.clientset, NS).patch('move', 'merge', { spec: { ports: [{ name: 'http', port: 80, targetPort: 9090 }] } });
    await eventually(async () => (await slicesOf('move'))[0]?.ports?.[0]?.port === 9090, 10_000, 'the new target port');
    assert.deepEqual((await slicesOf('move')).map((s) => s.metadata.name), [before.metadata.name]);
    assert.deepEqual(addrs(await slicesOf('move')), ['10.42.3.5']);
    // A selector change empties the slice (it stays as the placeholder).
    await servicesIn(f.clientset, NS).patch('move', 'merge', { spec: { selector: { app: 'elsewhere' } } });
    await eventually(async () => addrs(await slicesOf('move')).length === 0, 10_000, 'the slice to empty');
    assert.deepEqual((await slicesOf('move')).map((s) => s.metadata.name), [before.metadata.name]);
  });

  it('waits for the node of a pod to exist, then adds the pod with its zone', async () => {
    await makeService(f.clientset, NS, 'late', { selector: { app: 'late' }, ports: [{ port: 80, targetPort: 80 }] });
    await makePod(f.clientset, NS, { name: 'late-1', labels: { app: 'late' }, ip: '10.42.4.5', node: 'n1' });
    await makePod(f.clientset, NS, { name: 'late-2', labels: { app: 'late' }, ip: '10.42.4.6', node: 'n2' });
    await eventually(async () => addrs(await slicesOf('late')).join() === '10.42.4.5', 10_000, 'late-1 only');
    await eventually(async () => /skipping Pod late-2 for Service default\/late: node "n2" not found/.test(
      await f.k('get', 'events', '--field-selector=reason=FailedToUpdateEndpointSlices')), 10_000, 'the FailedToUpdateEndpointSlices event');
    await makeNode(f.clientset, 'n2', 'zone-b');
    await eventually(async () => endpointOf(await slicesOf('late'), '10.42.4.6')?.zone === 'zone-b', 10_000, 'late-2 with its zone');
  });

  it('labels slices of headless services and lets the garbage collector delete slices with their service', async () => {
    await makeService(f.clientset, NS, 'db', { clusterIP: 'None', selector: { app: 'db' } });
    await makePod(f.clientset, NS, { name: 'db-0', labels: { app: 'db' }, ip: '10.42.5.5', node: 'n1', hostname: 'db-0', subdomain: 'db' });
    await eventually(async () => addrs(await slicesOf('db')).length === 1, 10_000, 'the db slice');
    const [slice] = await slicesOf('db');
    assert.equal(slice.metadata.labels?.['service.kubernetes.io/headless'], '');
    assert.equal(slice.endpoints?.[0].hostname, 'db-0');
    assert.equal(slice.ports?.length ?? 0, 0);
    await servicesIn(f.clientset, NS).delete('db');
    await eventually(async () => (await slicesOf('db')).length === 0, 15_000, 'the slices to go with the service');
  });
});
