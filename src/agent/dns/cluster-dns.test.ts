import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SERVICES, SLICES, NAMESPACES, startTestDns, until, type TestDns } from './test-cluster.js';
import { CLASS_IN, Flag, RCode, RRType, type ResourceRecord } from './wire/index.js';

let t: TestDns;
let webIP = '';

const data = (rr: ResourceRecord): string => {
  const d = rr.data;
  if (d.t === 'A' || d.t === 'AAAA') return d.address;
  if (d.t === 'NAME') return d.target;
  if (d.t === 'SRV') return `${d.priority} ${d.weight} ${d.port} ${d.target}`;
  if (d.t === 'TXT') return d.texts.join(' ');
  return d.t;
};

before(async () => {
  t = await startTestDns([{ name: 'www.example', type: RRType.A, class: CLASS_IN, ttl: 120, data: { t: 'A', address: '192.0.2.80' } }]);
  const svc = t.clientset.resource(SERVICES);
  await t.clientset.resource(NAMESPACES).create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  const web = await svc.namespace('shop').create({
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] },
  }) as unknown as { spec: { clusterIP: string } };
  webIP = web.spec.clusterIP;
  await svc.namespace('shop').create({
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ name: 'pg', port: 5432 }] },
  });
  await svc.namespace('shop').create({
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'peers' },
    spec: { clusterIP: 'None', publishNotReadyAddresses: true, selector: { app: 'peers' }, ports: [{ name: 'gossip', port: 7000 }] },
  });
  await svc.namespace('shop').create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext' }, spec: { type: 'ExternalName', externalName: 'www.example' } });
  const slices = t.clientset.resource(SLICES).namespace('shop');
  await slices.create({
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'db-x1', labels: { 'kubernetes.io/service-name': 'db' } },
    addressType: 'IPv4', ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
    endpoints: [
      { addresses: ['10.42.0.10'], hostname: 'db-0', conditions: { ready: true } },
      { addresses: ['10.42.0.11'], conditions: { ready: true } },
      { addresses: ['10.42.0.12'], hostname: 'db-2', conditions: { ready: false } },
    ],
  });
  await slices.create({
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'peers-x1', labels: { 'kubernetes.io/service-name': 'peers' } },
    addressType: 'IPv4', ports: [{ name: 'gossip', port: 7000, protocol: 'TCP' }],
    endpoints: [{ addresses: ['10.42.0.20'], conditions: { ready: false } }],
  });
  await until(async () => (await t.ask('peers.shop.svc.cluster.local', RRType.A)).msg.answers.length === 1, 'the objects in DNS');
});

after(async () => {
  await t?.stop();
});

test('a Service resolves to the cluster IP the API server allocated, authoritatively, TTL 5', async () => {
  assert.match(webIP, /^10\.43\./);
  const { msg } = await t.ask('web.shop.svc.cluster.local', RRType.A);
  assert.equal(msg.flags, Flag.QR | Flag.AA | Flag.RD);
  assert.deepEqual(msg.answers.map((r) => [r.name, r.ttl, data(r)]), [['web.shop.svc.cluster.local', 5, webIP]]);
  const ptr = await t.ask(`${webIP.split('.').reverse().join('.')}.in-addr.arpa`, RRType.PTR);
  assert.deepEqual(ptr.msg.answers.map(data), ['web.shop.svc.cluster.local']);
  const srv = await t.ask('_http._tcp.web.shop.svc.cluster.local', RRType.SRV);
  assert.deepEqual(srv.msg.answers.map(data), ['0 100 80 web.shop.svc.cluster.local']);
  assert.deepEqual(srv.msg.additional.map(data), [webIP]);
});

test('NODATA for a name that exists without the type, NXDOMAIN for one that does not, both with the SOA', async () => {
  const nodata = (await t.ask('web.shop.svc.cluster.local', RRType.AAAA)).msg;
  assert.equal(nodata.flags & 0xf, RCode.NOERROR);
  assert.equal(nodata.answers.length, 0);
  assert.deepEqual(nodata.authority.map((r) => [r.name, r.type, r.ttl]), [['cluster.local', RRType.SOA, 5]]);
  const nx = (await t.ask('nope.shop.svc.cluster.local', RRType.A)).msg;
  assert.equal(nx.flags & 0xf, RCode.NXDOMAIN);
  assert.ok(nx.flags & Flag.AA);
  assert.deepEqual(nx.authority.map((r) => r.type), [RRType.SOA]);
  const v = (await t.ask('dns-version.cluster.local', RRType.TXT)).msg;
  assert.deepEqual(v.answers.map(data), ['1.1.0']);
});

test('a headless Service: ready endpoints, hostnames, SRV per endpoint, PTR for endpoint IPs', async () => {
  const a = (await t.ask('db.shop.svc.cluster.local', RRType.A)).msg;
  assert.deepEqual(a.answers.map(data).sort(), ['10.42.0.10', '10.42.0.11']);
  assert.deepEqual((await t.ask('db-0.db.shop.svc.cluster.local', RRType.A)).msg.answers.map(data), ['10.42.0.10']);
  assert.equal((await t.ask('db-2.db.shop.svc.cluster.local', RRType.A)).msg.flags & 0xf, RCode.NXDOMAIN);
  const srv = (await t.ask('_pg._tcp.db.shop.svc.cluster.local', RRType.SRV, { tcp: true })).msg;
  assert.deepEqual(srv.answers.map(data), ['0 50 5432 db-0.db.shop.svc.cluster.local', '0 50 5432 10-42-0-11.db.shop.svc.cluster.local']);
  assert.deepEqual(srv.additional.map((r) => `${r.name} ${data(r)}`), ['db-0.db.shop.svc.cluster.local 10.42.0.10', '10-42-0-11.db.shop.svc.cluster.local 10.42.0.11']);
  assert.deepEqual((await t.ask('10.0.42.10.in-addr.arpa', RRType.PTR)).msg.answers.map(data), ['db-0.db.shop.svc.cluster.local']);
  assert.deepEqual((await t.ask('peers.shop.svc.cluster.local', RRType.A)).msg.answers.map(data), ['10.42.0.20'], 'publishNotReadyAddresses');
});

test('an ExternalName Service is a CNAME chased upstream; pod names answer the IP they spell', async () => {
  const m = (await t.ask('ext.shop.svc.cluster.local', RRType.A)).msg;
  assert.deepEqual(m.answers.map((r) => `${r.name} ${r.type} ${data(r)}`), ['ext.shop.svc.cluster.local 5 www.example', 'www.example 1 192.0.2.80']);
  const pod = (await t.ask('10-42-0-33.shop.pod.cluster.local', RRType.A)).msg;
  assert.deepEqual(pod.answers.map(data), ['10.42.0.33']);
});

test('changes reach DNS through the informers: readiness, new and deleted Services', async () => {
  const slices = t.clientset.resource(SLICES).namespace('shop');
  await slices.patch('db-x1', 'json', [{ op: 'replace', path: '/endpoints/2/conditions/ready', value: true }]);
  await until(async () => (await t.ask('db.shop.svc.cluster.local', RRType.A)).msg.answers.length === 3, 'the endpoint turning ready');
  assert.deepEqual((await t.ask('db-2.db.shop.svc.cluster.local', RRType.A)).msg.answers.map(data), ['10.42.0.12']);
  await t.clientset.resource(SERVICES).namespace('shop').delete('web');
  await until(async () => ((await t.ask('web.shop.svc.cluster.local', RRType.A)).msg.flags & 0xf) === RCode.NXDOMAIN, 'the Service gone');
  await t.clientset.resource(NAMESPACES).create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'late' } });
  await until(async () => ((await t.ask('late.svc.cluster.local', RRType.A)).msg.flags & 0xf) === RCode.NOERROR, 'a new namespace');
});

test('an address that cannot be bound fails start with the address in the message', async () => {
  const { ClusterDns } = await import('./cluster-dns.js');
  const { SharedInformerFactory } = await import('../../client/index.js');
  const factory = new SharedInformerFactory(t.clientset, { log: () => undefined });
  const taken = new ClusterDns({ informers: factory, listen: [t.server], upstreams: [], log: () => undefined });
  try {
    await assert.rejects(taken.start(), new RegExp(`Cannot serve cluster DNS on 127\\.0\\.0\\.1:${t.server.port}: .*EADDRINUSE`));
  } finally {
    await taken.stop();
    await factory.stop();
  }
});
