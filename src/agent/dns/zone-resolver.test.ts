import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterRecords } from './cluster-records.js';
import { service, slice } from './test-objects.js';
import { CLASS_IN, Flag, RCode, RRType, type Message, type ResourceRecord } from './wire/index.js';
import { ZoneResolver, type Resolution } from './zone-resolver.js';

const Z = 'cluster.local';

function setup(o: { synced?: boolean } = {}): { resolve: (name: string, type: number) => Promise<Resolution>; upstreamAsked: string[] } {
  const r = new ClusterRecords();
  for (const ns of ['default', 'kube-system']) r.setNamespace(ns);
  r.setService(service('kube-dns', 'kube-system', { clusterIP: '10.43.0.10', clusterIPs: ['10.43.0.10'], ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] }));
  r.setService(service('web', 'default', {
    clusterIP: '10.43.0.20', clusterIPs: ['10.43.0.20'], ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }],
  }));
  r.setService(service('plain', 'default', { clusterIP: '10.43.0.21', clusterIPs: ['10.43.0.21'], ports: [{ port: 80, protocol: 'TCP' }] }));
  r.setService(service('db', 'default', { clusterIP: 'None', clusterIPs: ['None'], ports: [{ name: 'pg', port: 5432 }] }));
  r.setSlice(slice('db-abc', 'default', 'db', [
    { ip: '10.42.0.10', hostname: 'pet-0', ready: true }, { ip: '10.42.0.11' }, { ip: '10.42.0.12', ready: false },
  ], [{ name: 'pg', port: 5432 }]));
  r.setService(service('empty', 'default', { clusterIP: 'None', clusterIPs: ['None'] }));
  r.setService(service('ext', 'default', { type: 'ExternalName', externalName: 'www.example.com' }));
  r.setService(service('alias', 'default', { type: 'ExternalName', externalName: 'web.default.svc.cluster.local' }));
  r.setService(service('loop', 'default', { type: 'ExternalName', externalName: 'loop.default.svc.cluster.local' }));
  const upstreamAsked: string[] = [];
  const upstream = async (name: string, qtype: number): Promise<Message | undefined> => {
    upstreamAsked.push(`${name} ${qtype}`);
    const answers: ResourceRecord[] = qtype === RRType.A ? [{ name, type: RRType.A, class: CLASS_IN, ttl: 30, data: { t: 'A', address: '192.0.2.1' } }] : [];
    return { id: 1, flags: Flag.QR, questions: [{ name, type: qtype, class: CLASS_IN }], answers, authority: [], additional: [] };
  };
  const z = new ZoneResolver(r, { zone: Z, ttl: 5, upstream, synced: () => o.synced ?? true, nsAddresses: () => ['10.43.0.10'] });
  return { resolve: (name, type) => z.resolve(name, type), upstreamAsked };
}

type Answer = Extract<Resolution, { kind: 'answer' }>;

function show(rr: ResourceRecord): string {
  const d = rr.data;
  const v = d.t === 'A' || d.t === 'AAAA' ? d.address : d.t === 'NAME' ? d.target : d.t === 'SRV' ? `${d.priority} ${d.weight} ${d.port} ${d.target}`
    : d.t === 'TXT' ? d.texts.map((t) => t.toString()).join(' ') : d.t === 'SOA' ? `${d.mname} ${d.rname} ${d.refresh} ${d.retry} ${d.expire} ${d.minimum}` : '?';
  return `${rr.name} ${rr.ttl} ${rr.type} ${v}`;
}

async function ask(s: ReturnType<typeof setup>, name: string, type: number): Promise<{ rcode: number; answer: string[]; authority: string[]; additional: string[] }> {
  const r = await s.resolve(name, type);
  assert.equal(r.kind, 'answer', `${name} should be answered, not forwarded`);
  const a = r as Answer;
  return { rcode: a.rcode, answer: a.answer.map(show), authority: a.authority.map(show), additional: a.additional.map(show) };
}

const SOA = `${Z} 5 6 ns.dns.${Z} hostmaster.${Z} 7200 1800 86400 5`;
const nodata = { rcode: RCode.NOERROR, answer: [], authority: [SOA], additional: [] };
const nxdomain = { rcode: RCode.NXDOMAIN, answer: [], authority: [SOA], additional: [] };

test('a ClusterIP Service: A is its cluster IP with TTL 5; AAAA is NODATA; a missing Service NXDOMAIN', async () => {
  const s = setup();
  assert.deepEqual(await ask(s, 'web.default.svc.cluster.local', RRType.A), { rcode: 0, answer: ['web.default.svc.cluster.local 5 1 10.43.0.20'], authority: [], additional: [] });
  assert.deepEqual(await ask(s, 'web.default.svc.cluster.local', RRType.AAAA), nodata);
  assert.deepEqual(await ask(s, 'nope.default.svc.cluster.local', RRType.A), nxdomain);
  assert.deepEqual(await ask(s, 'nope.default.svc.cluster.local', RRType.AAAA), nxdomain);
  assert.deepEqual(await ask(s, 'web.nosuch.svc.cluster.local', RRType.A), nxdomain);
});

test('names are case-insensitive; the answer and the SOA keep the case asked', async () => {
  const s = setup();
  assert.deepEqual((await ask(s, 'WEB.Default.svc.Cluster.Local', RRType.A)).answer, ['WEB.Default.svc.Cluster.Local 5 1 10.43.0.20']);
  assert.match((await ask(s, 'Nope.default.svc.Cluster.Local', RRType.A)).authority[0], /^Cluster\.Local 5 6 /);
});

test('the zone structure: apex, svc, pod and existing namespaces are NODATA; the rest NXDOMAIN', async () => {
  const s = setup();
  for (const n of ['cluster.local', 'svc.cluster.local', 'pod.cluster.local', 'default.svc.cluster.local', 'default.pod.cluster.local']) {
    assert.deepEqual(await ask(s, n, RRType.A), nodata, n);
  }
  for (const n of ['nosuch.svc.cluster.local', 'foo.cluster.local', 'a.b.c.web.default.svc.cluster.local', 'web.default.cluster.local', 'dns-version.cluster.local']) {
    assert.deepEqual(await ask(s, n, RRType.A), nxdomain, n);
  }
});

test('a headless Service answers its ready endpoints, each also by hostname or dashed IP', async () => {
  const s = setup();
  assert.deepEqual((await ask(s, 'db.default.svc.cluster.local', RRType.A)).answer, [
    'db.default.svc.cluster.local 5 1 10.42.0.10', 'db.default.svc.cluster.local 5 1 10.42.0.11',
  ]);
  assert.deepEqual((await ask(s, 'pet-0.db.default.svc.cluster.local', RRType.A)).answer, ['pet-0.db.default.svc.cluster.local 5 1 10.42.0.10']);
  assert.deepEqual((await ask(s, '10-42-0-11.db.default.svc.cluster.local', RRType.A)).answer, ['10-42-0-11.db.default.svc.cluster.local 5 1 10.42.0.11']);
  assert.deepEqual(await ask(s, '10-42-0-12.db.default.svc.cluster.local', RRType.A), nxdomain, 'not ready');
  assert.deepEqual(await ask(s, 'empty.default.svc.cluster.local', RRType.A), nxdomain, 'no ready endpoints');
  assert.deepEqual(await ask(s, 'db.default.svc.cluster.local', RRType.AAAA), nodata);
});

test('SRV: named ports of a Service point at its name; of a headless Service at each endpoint; addresses in additional', async () => {
  const s = setup();
  assert.deepEqual(await ask(s, '_http._tcp.web.default.svc.cluster.local', RRType.SRV), {
    rcode: 0, answer: ['_http._tcp.web.default.svc.cluster.local 5 33 0 100 80 web.default.svc.cluster.local'],
    authority: [], additional: ['web.default.svc.cluster.local 5 1 10.43.0.20'],
  });
  assert.deepEqual((await ask(s, '_dns._udp.web.default.svc.cluster.local', RRType.SRV)).answer, ['_dns._udp.web.default.svc.cluster.local 5 33 0 100 53 web.default.svc.cluster.local']);
  assert.deepEqual(await ask(s, '_dns._tcp.web.default.svc.cluster.local', RRType.SRV), nxdomain);
  assert.deepEqual((await ask(s, 'web.default.svc.cluster.local', RRType.SRV)).answer, [
    'web.default.svc.cluster.local 5 33 0 50 80 web.default.svc.cluster.local', 'web.default.svc.cluster.local 5 33 0 50 53 web.default.svc.cluster.local',
  ]);
  assert.deepEqual(await ask(s, '_pg._tcp.db.default.svc.cluster.local', RRType.SRV), {
    rcode: 0,
    answer: [
      '_pg._tcp.db.default.svc.cluster.local 5 33 0 50 5432 pet-0.db.default.svc.cluster.local',
      '_pg._tcp.db.default.svc.cluster.local 5 33 0 50 5432 10-42-0-11.db.default.svc.cluster.local',
    ],
    authority: [],
    additional: ['pet-0.db.default.svc.cluster.local 5 1 10.42.0.10', '10-42-0-11.db.default.svc.cluster.local 5 1 10.42.0.11'],
  });
  assert.deepEqual((await ask(s, '_http._tcp.web.default.svc.cluster.local', RRType.A)).answer, ['_http._tcp.web.default.svc.cluster.local 5 1 10.43.0.20']);
});

test('ExternalName: a CNAME, chased in the zone or upstream; loops are dropped', async () => {
  const s = setup();
  const ext = await s.resolve('ext.default.svc.cluster.local', RRType.A) as Answer;
  assert.deepEqual(ext.answer.map(show), ['ext.default.svc.cluster.local 5 5 www.example.com', 'www.example.com 30 1 192.0.2.1']);
  assert.ok(ext.volatile);
  assert.deepEqual(s.upstreamAsked, ['www.example.com 1']);
  assert.deepEqual((await ask(s, 'ext.default.svc.cluster.local', RRType.CNAME)).answer, ['ext.default.svc.cluster.local 5 5 www.example.com']);
  assert.deepEqual(await ask(s, 'ext.default.svc.cluster.local', RRType.SRV), nodata);
  assert.deepEqual(await ask(s, 'x.ext.default.svc.cluster.local', RRType.A), nxdomain);
  const alias = await s.resolve('alias.default.svc.cluster.local', RRType.A) as Answer;
  assert.deepEqual(alias.answer.map(show), ['alias.default.svc.cluster.local 5 5 web.default.svc.cluster.local', 'web.default.svc.cluster.local 5 1 10.43.0.20']);
  assert.equal(alias.volatile, false);
  assert.deepEqual(await ask(s, 'loop.default.svc.cluster.local', RRType.A), nodata);
  assert.deepEqual(await ask(s, 'web.default.svc.cluster.local', RRType.CNAME), nodata);
});

test('pods insecure: the IP spelled in the name, in an existing namespace', async () => {
  const s = setup();
  assert.deepEqual((await ask(s, '10-42-0-5.default.pod.cluster.local', RRType.A)).answer, ['10-42-0-5.default.pod.cluster.local 5 1 10.42.0.5']);
  assert.deepEqual(await ask(s, '10-42-0-5.default.pod.cluster.local', RRType.AAAA), nodata);
  assert.deepEqual(await ask(s, '10-42-0-5.nosuch.pod.cluster.local', RRType.A), nxdomain);
  assert.deepEqual(await ask(s, 'web.default.pod.cluster.local', RRType.A), nxdomain);
});

test('TXT dns-version, SOA and NS at the apex; other types NODATA or NXDOMAIN; no zone transfers', async () => {
  const s = setup();
  assert.deepEqual((await ask(s, 'dns-version.cluster.local', RRType.TXT)).answer, ['dns-version.cluster.local 28800 16 1.1.0']);
  assert.deepEqual(await ask(s, 'web.default.svc.cluster.local', RRType.TXT), nodata);
  assert.deepEqual(await ask(s, 'nope.default.svc.cluster.local', RRType.TXT), nxdomain);
  assert.deepEqual((await ask(s, 'cluster.local', RRType.SOA)).answer, [SOA]);
  assert.deepEqual(await ask(s, 'web.default.svc.cluster.local', RRType.SOA), nodata);
  assert.deepEqual(await ask(s, 'cluster.local', RRType.NS), {
    rcode: 0, answer: ['cluster.local 5 2 kube-dns.kube-system.svc.cluster.local'], authority: [], additional: ['kube-dns.kube-system.svc.cluster.local 5 1 10.43.0.10'],
  });
  assert.deepEqual((await ask(s, 'ns.dns.cluster.local', RRType.A)).answer, ['ns.dns.cluster.local 5 1 10.43.0.10']);
  for (const t of [RRType.MX, RRType.PTR, RRType.ANY, 99, RRType.NS]) {
    assert.deepEqual(await ask(s, 'web.default.svc.cluster.local', t), nodata, `type ${t}`);
    assert.deepEqual(await ask(s, 'nope.default.svc.cluster.local', t), nxdomain, `type ${t}`);
  }
  assert.deepEqual(await ask(s, 'cluster.local', RRType.AXFR), { rcode: RCode.REFUSED, answer: [], authority: [], additional: [] });
});

test('PTR for cluster IPs and endpoint IPs; other reverse names and outside names are forwarded', async () => {
  const s = setup();
  assert.deepEqual((await ask(s, '20.0.43.10.in-addr.arpa', RRType.PTR)).answer, ['20.0.43.10.in-addr.arpa 5 12 web.default.svc.cluster.local']);
  assert.deepEqual((await ask(s, '10.0.42.10.in-addr.arpa', RRType.PTR)).answer, ['10.0.42.10.in-addr.arpa 5 12 pet-0.db.default.svc.cluster.local']);
  assert.deepEqual((await ask(s, '11.0.42.10.in-addr.arpa', RRType.PTR)).answer, ['11.0.42.10.in-addr.arpa 5 12 10-42-0-11.db.default.svc.cluster.local']);
  for (const [n, t] of [['12.0.42.10.in-addr.arpa', RRType.PTR], ['1.2.0.192.in-addr.arpa', RRType.PTR], ['20.0.43.10.in-addr.arpa', RRType.A], ['example.com', RRType.A], ['local', RRType.SOA]] as const) {
    assert.deepEqual(await s.resolve(n, t), { kind: 'forward' }, n);
  }
});

test('before the informers have synced, a missing name is SERVFAIL', async () => {
  const s = setup({ synced: false });
  assert.equal((await ask(s, 'nope.default.svc.cluster.local', RRType.A)).rcode, RCode.SERVFAIL);
  assert.equal((await ask(s, 'web.default.svc.cluster.local', RRType.A)).rcode, RCode.NOERROR);
});
