/** The ServiceLB controller on an in-process API server, driven and read with kubectl. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KObject } from '../../api/index.js';
import { eventually } from '../../testing/index.js';
import { startControllerFixture, type ControllerFixture } from '../controller-fixture.js';
import { LB_CLEANUP_FINALIZER, ServiceLBController } from './index.js';
import { ENDPOINT_SLICES, NODES, SERVICES, type Node, type Service } from './objects.js';

let f: ControllerFixture;
before(async () => {
  f = await startControllerFixture((cs, inf) => [new ServiceLBController(cs, inf, { log: () => undefined }).controller]);
});
after(async () => { await f.stop(); });

async function setNode(name: string, ip: string, ready: boolean): Promise<void> {
  const nodes = f.clientset.resource<Node>(NODES);
  const cur = await nodes.get(name).catch(() => undefined) ?? await nodes.create({ apiVersion: 'v1', kind: 'Node', metadata: { name } });
  await nodes.updateStatus({
    ...cur,
    status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }], addresses: [{ type: 'InternalIP', address: ip }, { type: 'Hostname', address: name }] },
  });
}

const svcs = () => f.clientset.resource<Service>(SERVICES).namespace('default');
const ingress = async (name: string): Promise<string> =>
  (await svcs().get(name)).status?.loadBalancer?.ingress?.map((i) => i.ip).join(',') ?? '';

describe('ServiceLBController', () => {
  it('publishes the ready nodes\' addresses for LoadBalancer Services, and keeps them current', async () => {
    await setNode('lb-n1', '192.168.50.1', true);
    await setNode('lb-n2', '192.168.50.2', true);
    await f.k('create', 'service', 'loadbalancer', 'web', '--tcp=80:8080');
    await eventually(async () => (await ingress('web')) === '192.168.50.1,192.168.50.2', 10_000, 'both nodes as ingress');
    const out = await f.k('get', 'svc', 'web');
    assert.match(out, /web\s+LoadBalancer\s+10\.43\.\S+\s+192\.168\.50\.1,192\.168\.50\.2\s+80:3\d{4}\/TCP/);
    assert.deepEqual((await svcs().get('web')).metadata.finalizers, [LB_CLEANUP_FINALIZER]);
    await eventually(async () => /UpdatedLoadBalancer\s+Updated LoadBalancer with new IPs: \[\] -> \[192\.168\.50\.1 192\.168\.50\.2\]/
      .test(await f.k('get', 'events', '--field-selector', 'involvedObject.name=web', '-o', 'custom-columns=R:.reason,M:.message')), 10_000, 'the event');

    await setNode('lb-n2', '192.168.50.2', false);
    await eventually(async () => (await ingress('web')) === '192.168.50.1', 10_000, 'the NotReady node to go');
    await setNode('lb-n2', '192.168.50.2', true);

    // Local: only nodes with a ready endpoint pod.
    await f.clientset.resource<KObject>(ENDPOINT_SLICES).namespace('default').create({
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'web-abc', labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: 'IPv4', ports: [{ port: 8080, protocol: 'TCP' }],
      endpoints: [{ addresses: ['10.42.1.5'], nodeName: 'lb-n2', conditions: { ready: true }, targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1' } }],
    } as KObject);
    await f.k('patch', 'svc', 'web', '-p', '{"spec":{"externalTrafficPolicy":"Local"}}');
    await eventually(async () => (await ingress('web')) === '192.168.50.2', 10_000, 'the node with the endpoint only');
  });

  it('leaves Services with a loadBalancerClass alone', async () => {
    await svcs().create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'classy' }, spec: { type: 'LoadBalancer', loadBalancerClass: 'example.com/lb', ports: [{ port: 80 }] } as Service['spec'] });
    await f.k('create', 'service', 'loadbalancer', 'plain', '--tcp=81:8080');
    await eventually(async () => (await ingress('plain')) !== '', 10_000, 'the plain one to be served');
    const classy = await svcs().get('classy');
    assert.equal(classy.status?.loadBalancer?.ingress, undefined);
    assert.equal(classy.metadata.finalizers, undefined);
    assert.match(await f.k('get', 'svc', 'classy'), /classy\s+LoadBalancer\s+\S+\s+<pending>/);
  });

  it('clears the ingress and the finalizer when a Service stops being a LoadBalancer or is deleted', async () => {
    await f.k('patch', 'svc', 'plain', '-p', '{"spec":{"type":"ClusterIP"}}');
    await eventually(async () => {
      const s = await svcs().get('plain');
      return !s.metadata.finalizers?.length && !s.status?.loadBalancer?.ingress?.length;
    }, 10_000, 'the cleanup of plain');
    assert.match(await f.k('delete', 'svc', 'web', '--wait=true', '--timeout=20s'), /service "web" deleted/);
    await assert.rejects(svcs().get('web'), /not found/);
    const events = await f.k('get', 'events', '--field-selector', 'involvedObject.name=web', '-o', 'custom-columns=R:.reason');
    for (const r of ['EnsuringLoadBalancer', 'DeletingLoadBalancer', 'DeletedLoadBalancer']) assert.match(events, new RegExp(r));
  });
});
