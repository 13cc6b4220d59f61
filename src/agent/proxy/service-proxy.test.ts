/**
 * ServiceProxy end to end: Services and EndpointSlices written to an in-process API server are
 * programmed into a network namespace of the test's own, and followed as they change. Needs root.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SharedInformerFactory, type ResourceClient } from '../../client/index.js';
import { eventually, startApiFixture, type ApiFixture } from '../../testing/index.js';
import { CLIENT_IP, makeNodeNet, NODE_IP, sh, type NodeNet } from './netns-fixture.js';
import { ENDPOINT_SLICES, SERVICES, ServiceProxy } from './service-proxy.js';
import { endpoint, slice } from './testdata.js';
import type { EndpointSlice, Service } from './types.js';

const root = process.getuid?.() === 0;

describe('ServiceProxy', { skip: !root && 'needs root' }, () => {
  let fx: ApiFixture;
  let net: NodeNet;
  let informers: SharedInformerFactory;
  let proxy: ServiceProxy;
  let services: ResourceClient<Service>;
  let slices: ResourceClient<EndpointSlice>;
  const logs: string[] = [];

  before(async () => {
    net = makeNodeNet('sp', ['p1', 'p2', 'p3']);
    await net.startServers(8080, 5353);
    fx = await startApiFixture();
    informers = new SharedInformerFactory(fx.clientset, { log: () => undefined });
    services = fx.clientset.resource<Service>(SERVICES).namespace('default');
    slices = fx.clientset.resource<EndpointSlice>(ENDPOINT_SLICES).namespace('default');
    proxy = new ServiceProxy({
      informers, nodeName: 'n1', nodeIPs: [NODE_IP], clusterCIDR: '10.42.0.0/16', serviceCIDR: '10.43.0.0/16',
      netns: net.node, log: (l) => logs.push(l), minSyncIntervalMs: 20,
    });
    informers.start();
    await proxy.start();
  });
  after(async () => {
    await proxy?.uninstall().catch(() => undefined);
    await informers?.stop();
    await fx?.stop();
    net?.cleanup();
  });

  it('programs the Services at start, in one full sync', () => {
    const s = proxy.lastSync;
    assert.ok(s, 'synced at start');
    assert.equal(s.full, true);
    assert.equal(s.restored, true);
    assert.ok(proxy.lastSyncDurationMs > 0);
    // The kubernetes Service the server made.
    assert.match(sh('ip', ['netns', 'exec', net.node, 'iptables-save', '-t', 'nat']), /default\/kubernetes:https cluster IP/);
  });

  it('follows Services and EndpointSlices as they are created, changed and deleted', async () => {
    const svc = await services.create({
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 'http' }] },
    });
    const ip = svc.spec!.clusterIP!;
    const nodePort = svc.spec!.ports![0]!.nodePort!;
    const p3 = net.pods.p3!.ns;
    // No endpoints yet: refused.
    await eventually(async () => (await net.ask(p3, 'tcp', ip, 80))[0] === 'error ECONNREFUSED', 10_000, 'the Service to be rejected');

    const both = slice('web', [{ name: 'http', protocol: 'TCP', port: 8080 }], [endpoint(net.pods.p1!.ip, 'n1'), endpoint(net.pods.p2!.ip, 'n2')]);
    const created = await slices.create(both);
    let lines: string[] = [];
    await eventually(async () => {
      lines = await net.ask(p3, 'tcp', ip, 80, 20);
      return new Set(lines.map((l) => l.split(' ')[1])).size === 2;
    }, 10_000, 'both endpoints to answer');
    const outside = await net.ask(net.client, 'tcp', NODE_IP, nodePort, 2);
    assert.ok(outside.every((l) => /^ok p[12] 10\.42\.0\.1$/.test(l)), outside.join('\n'));

    const before = proxy.lastSync!;
    await slices.update({ ...created, endpoints: [endpoint(net.pods.p2!.ip, 'n2')] });
    await eventually(async () => (await net.ask(p3, 'tcp', ip, 80, 5)).every((l) => l.startsWith('ok p2 ')), 10_000, 'only p2');
    assert.notEqual(proxy.lastSync, before);
    assert.equal(proxy.lastSync!.full, false);

    // Local policy via the API: outside traffic keeps its source, and p2 is not on this node.
    await services.patch('web', 'merge', { spec: { externalTrafficPolicy: 'Local' } });
    await eventually(async () => (await net.ask(net.client, 'tcp', NODE_IP, nodePort))[0] === 'error TIMEOUT', 15_000, 'no local endpoint: dropped');
    await slices.update({ ...(await slices.get(created.metadata.name!)), endpoints: [endpoint(net.pods.p1!.ip, 'n1')] });
    await eventually(async () => (await net.ask(net.client, 'tcp', NODE_IP, nodePort))[0] === `ok p1 ${CLIENT_IP}`, 10_000, 'p1 with the client address');

    const unchanged = await proxy.syncNow();
    assert.equal(unchanged.restored, false, 'nothing changed: no iptables-restore');

    await services.delete('web');
    await eventually(async () => (await net.ask(p3, 'tcp', ip, 80))[0] === 'error EHOSTUNREACH', 10_000, 'the Service to be gone');
    assert.doesNotMatch(sh('ip', ['netns', 'exec', net.node, 'iptables-save']), /default\/web/);
  });

  it('uninstall leaves nothing of the proxy behind', async () => {
    await proxy.uninstall();
    assert.doesNotMatch(sh('ip', ['netns', 'exec', net.node, 'iptables-save']), /NAVARCH/);
    assert.doesNotMatch(sh('ip', ['-n', net.node, 'route', 'show']), /10\.43\.|proto 78/);
    assert.deepEqual(logs.filter((l) => /failed/.test(l)), []);
  });
});
