/** The EndpointSlice mirroring controller (with the garbage collector) on an in-process API server. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ResourceClient } from '../../client/index.js';
import { eventually } from '../../testing/index.js';
import { startControllerFixture, type ControllerFixture } from '../controller-fixture.js';
import { ENDPOINTS, EndpointsController, type Endpoints } from '../endpoints/index.js';
import { GarbageCollector } from '../garbagecollector/index.js';
import { ENDPOINTSLICES, EndpointSliceMirroringController, type EndpointSlice } from './index.js';
import { makePod, makeService, servicesIn } from './test-objects.js';

let f: ControllerFixture;
const NS = 'default';
before(async () => {
  f = await startControllerFixture((cs, inf) => [
    new EndpointSliceMirroringController(cs, inf, { log: () => undefined }).controller,
    new EndpointsController(cs, inf, { log: () => undefined }).controller,
    new GarbageCollector(cs, inf, { log: () => undefined }),
  ]);
});
after(async () => { await f.stop(); });

const slicesOf = async (svc: string): Promise<EndpointSlice[]> => (await f.clientset.resource<EndpointSlice>(ENDPOINTSLICES).namespace(NS)
  .list({ labelSelector: `kubernetes.io/service-name=${svc}` })).items;
const endpoints = (): ResourceClient<Endpoints> => f.clientset.resource<Endpoints>(ENDPOINTS).namespace(NS);
const addrs = (slices: EndpointSlice[]): string[] => slices.flatMap((s) => (s.endpoints ?? []).flatMap((e) => e.addresses ?? [])).sort();

describe('EndpointSliceMirroringController', () => {
  it('mirrors user-written Endpoints of a service without selector, follows changes and removals', async () => {
    await makeService(f.clientset, NS, 'ext', { ports: [{ name: 'db', port: 5432, targetPort: 5432 }] });
    const ep = await endpoints().create({
      apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'ext', labels: { team: 'data' } },
      subsets: [{ addresses: [{ ip: '192.0.2.10' }], notReadyAddresses: [{ ip: '192.0.2.11' }], ports: [{ name: 'db', port: 5432 }] }],
    });
    await eventually(async () => addrs(await slicesOf('ext')).length === 2, 10_000, 'the mirrored slice');
    const [slice] = await slicesOf('ext');
    assert.match(slice.metadata.name ?? '', /^ext-[a-z0-9]{5}$/);
    assert.deepEqual(slice.metadata.labels, {
      team: 'data', 'kubernetes.io/service-name': 'ext', 'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io',
    });
    assert.deepEqual(slice.metadata.ownerReferences, [{ apiVersion: 'v1', kind: 'Endpoints', name: 'ext', uid: ep.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    assert.deepEqual(slice.endpoints, [
      { addresses: ['192.0.2.10'], conditions: { ready: true } },
      { addresses: ['192.0.2.11'], conditions: { ready: false } },
    ]);
    assert.deepEqual(slice.ports, [{ name: 'db', protocol: 'TCP', port: 5432 }]);
    assert.match(await f.k('get', 'endpointslices', slice.metadata.name ?? ''), /\next-\S+\s+IPv4\s+5432\s+192\.0\.2\.10,192\.0\.2\.11\s+\d+s\n$/);

    await endpoints().patch('ext', 'merge', { subsets: [{ addresses: [{ ip: '192.0.2.12' }], ports: [{ name: 'db', port: 5432 }] }] });
    await eventually(async () => addrs(await slicesOf('ext')).join() === '192.0.2.12', 10_000, 'the slice to follow the Endpoints');
    assert.deepEqual((await slicesOf('ext')).map((s) => s.metadata.name), [slice.metadata.name]);

    // skip-mirror removes the mirror; taking the label off brings it back.
    await endpoints().patch('ext', 'merge', { metadata: { labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } } });
    await eventually(async () => (await slicesOf('ext')).length === 0, 10_000, 'skip-mirror to remove the slice');
    await endpoints().patch('ext', 'merge', { metadata: { labels: { 'endpointslice.kubernetes.io/skip-mirror': null } } });
    await eventually(async () => addrs(await slicesOf('ext')).join() === '192.0.2.12', 10_000, 'the mirror to come back');

    // A selector on the service ends mirroring.
    await servicesIn(f.clientset, NS).patch('ext', 'merge', { spec: { selector: { app: 'x' } } });
    await eventually(async () => (await slicesOf('ext')).length === 0, 10_000, 'the selector to end mirroring');
  });

  it('does not mirror Endpoints without a service, and removes the mirror with the Endpoints', async () => {
    await endpoints().create({
      apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'lonely' },
      subsets: [{ addresses: [{ ip: '192.0.2.20' }], ports: [{ port: 80 }] }],
    });
    await makeService(f.clientset, NS, 'later', { ports: [{ port: 80, targetPort: 80 }] });
    await endpoints().create({
      apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'later' },
      subsets: [{ addresses: [{ ip: '192.0.2.21' }], ports: [{ port: 80 }] }],
    });
    await eventually(async () => addrs(await slicesOf('later')).length === 1, 10_000, 'the mirror of later');
    assert.equal((await slicesOf('lonely')).length, 0);
    await endpoints().delete('later');
    await eventually(async () => (await slicesOf('later')).length === 0, 10_000, 'the mirror to go with its Endpoints');
  });

  it('does not mirror the Endpoints the endpoints controller keeps for a service with a selector', async () => {
    await makeService(f.clientset, NS, 'sel', { selector: { app: 'sel' }, ports: [{ port: 80, targetPort: 80 }] });
    await makePod(f.clientset, NS, { name: 'sel-1', labels: { app: 'sel' }, ip: '10.42.0.5', node: 'n1' });
    await eventually(async () => (await endpoints().get('sel').catch(() => undefined))?.subsets?.[0]?.addresses?.length === 1, 10_000, 'the managed Endpoints');
    // Something the mirroring controller does act on, queued after the managed Endpoints.
    await makeService(f.clientset, NS, 'probe', { ports: [{ port: 80, targetPort: 80 }] });
    await endpoints().create({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'probe' }, subsets: [{ addresses: [{ ip: '192.0.2.30' }], ports: [{ port: 80 }] }] });
    await eventually(async () => addrs(await slicesOf('probe')).length === 1, 10_000, 'the probe mirror');
    assert.equal((await slicesOf('sel')).length, 0);
  });
});
