import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sendRawUdp, sendTcp } from './dns-client.js';
import { SERVICES, SLICES, startTestDns, until, type TestDns } from './test-cluster.js';
import { CLASS_IN, Flag, RCode, RRType, buildQuery, decodeMessage, rcodeOf, type ResourceRecord } from './wire/index.js';

let t: TestDns;
const ENDPOINTS = 60;
const up = (name: string, ip: string, ttl = 300): ResourceRecord => ({ name, type: RRType.A, class: CLASS_IN, ttl, data: { t: 'A', address: ip } });

before(async () => {
  t = await startTestDns([
    up('www.example', '192.0.2.80'),
    ...Array.from({ length: 80 }, (_, i) => up('big.example', `192.0.2.${i + 1}`)),
  ]);
  await t.clientset.resource(SERVICES).namespace('default').create({
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'many' }, spec: { clusterIP: 'None', ports: [{ name: 'http', port: 80 }] },
  });
  await t.clientset.resource(SLICES).namespace('default').create({
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'many-1', labels: { 'kubernetes.io/service-name': 'many' } },
    addressType: 'IPv4', ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    endpoints: Array.from({ length: ENDPOINTS }, (_, i) => ({ addresses: [`10.42.1.${i + 1}`], conditions: { ready: true } })),
  });
  await until(async () => (await t.ask('many.default.svc.cluster.local', RRType.A, { tcp: true })).msg.answers.length === ENDPOINTS, 'the endpoints');
});

after(async () => {
  await t?.stop();
});

test('UDP answers over 512 bytes are truncated (TC) without EDNS and fit the EDNS size with it; TCP carries them whole', async () => {
  const plain = await t.ask('many.default.svc.cluster.local', RRType.A);
  assert.ok(plain.bytes.length <= 512);
  assert.ok(plain.msg.flags & Flag.TC);
  assert.ok(plain.msg.answers.length < ENDPOINTS);
  const small = await t.ask('many.default.svc.cluster.local', RRType.A, { edns: { udpSize: 600 } });
  assert.ok(small.bytes.length <= 600 && small.bytes.length > 512);
  assert.ok(small.msg.flags & Flag.TC);
  assert.equal(small.msg.edns?.udpSize, 1232, 'the OPT record advertises our size');
  const edns = await t.ask('many.default.svc.cluster.local', RRType.A, { edns: { udpSize: 4096 } });
  assert.equal(edns.msg.flags & Flag.TC, 0);
  assert.equal(edns.msg.answers.length, ENDPOINTS);
  const tcp = await t.ask('many.default.svc.cluster.local', RRType.A, { tcp: true });
  assert.equal(tcp.msg.flags & Flag.TC, 0);
  assert.equal(tcp.msg.answers.length, ENDPOINTS);
});

test('several queries on one TCP connection, and headless answers rotate between responses', async () => {
  const first = await sendTcp(t.server, buildQuery('many.default.svc.cluster.local', RRType.A, { id: 1 }));
  const second = await sendTcp(t.server, buildQuery('many.default.svc.cluster.local', RRType.A, { id: 2 }));
  assert.equal(second.msg.id, 2);
  const firstOrder = first.msg.answers.map((r) => (r.data as { address: string }).address);
  const secondOrder = second.msg.answers.map((r) => (r.data as { address: string }).address);
  assert.notDeepEqual(firstOrder, secondOrder);
  assert.deepEqual([...firstOrder].sort(), [...secondOrder].sort());
  // Two frames in one write: both answered.
  const { connect } = await import('node:net');
  const answers = await new Promise<number[]>((resolve, reject) => {
    const c = connect(t.server.port, t.server.address);
    const frames = [11, 12].map((id) => {
      const q = buildQuery('dns-version.cluster.local', RRType.TXT, { id });
      const f = Buffer.alloc(2 + q.length);
      f.writeUInt16BE(q.length, 0);
      q.copy(f, 2);
      return f;
    });
    let buf = Buffer.alloc(0);
    const ids: number[] = [];
    const timer = setTimeout(() => { c.destroy(); reject(new Error('timeout')); }, 3000);
    c.on('connect', () => c.write(Buffer.concat(frames)));
    c.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        ids.push(decodeMessage(buf.subarray(2, 2 + buf.readUInt16BE(0))).id);
        buf = buf.subarray(2 + buf.readUInt16BE(0));
      }
      if (ids.length === 2) { clearTimeout(timer); c.destroy(); resolve(ids.sort()); }
    });
    c.on('error', reject);
  });
  assert.deepEqual(answers, [11, 12]);
});

test('other names are forwarded to the upstream and cached: TTLs count down from at most 30 s', async () => {
  const before = t.upstream.queries.length;
  const a = await t.ask('www.example', RRType.A);
  assert.deepEqual(a.msg.answers.map((r) => (r.data as { address: string }).address), ['192.0.2.80']);
  assert.ok(a.msg.flags & Flag.RA);
  assert.equal(a.msg.flags & Flag.AA, 0);
  assert.ok(a.msg.answers[0].ttl <= 30 && a.msg.answers[0].ttl > 25);
  const b = await t.ask('WWW.example', RRType.A, { edns: {} });
  assert.deepEqual(b.msg.questions[0].name, 'WWW.example');
  assert.deepEqual(t.upstream.queries.slice(before), ['www.example 1 udp'], 'the second query came from the cache');
  const nx = await t.ask('nope.example', RRType.A);
  assert.equal(rcodeOf(nx.msg), RCode.NXDOMAIN);
  assert.deepEqual(nx.msg.authority.map((r) => r.type), [RRType.SOA]);
  await t.ask('nope.example', RRType.A);
  assert.equal(t.upstream.queries.filter((q) => q.startsWith('nope.example')).length, 1, 'denials are cached too');
  const big = await t.ask('big.example', RRType.A, { tcp: true });
  assert.equal(big.msg.answers.length, 80);
  assert.deepEqual(t.upstream.queries.filter((q) => q.startsWith('big.example')), ['big.example 1 udp', 'big.example 1 tcp']);
  const bigUdp = await t.ask('big.example', RRType.A);
  assert.ok(bigUdp.msg.flags & Flag.TC, 'a cached answer too big for the client is truncated for it');
});

test('an upstream that does not answer gives SERVFAIL', async () => {
  t.upstream.silent = true;
  try {
    const m = (await t.ask('silent.example', RRType.A)).msg;
    assert.equal(rcodeOf(m), RCode.SERVFAIL);
  } finally {
    t.upstream.silent = false;
  }
});

test('malformed queries get FORMERR, other opcodes NOTIMP, EDNS version 1 BADVERS; responses and runts get nothing', async () => {
  const q = buildQuery('web.default.svc.cluster.local', RRType.A, { id: 99 });
  const twoQuestions = Buffer.from(q);
  twoQuestions.writeUInt16BE(2, 4);
  const formerr = decodeMessage((await sendRawUdp(t.server, twoQuestions))!);
  assert.deepEqual([formerr.id, formerr.flags & 0xf, formerr.questions.length], [99, RCode.FORMERR, 0]);
  const badRecord = Buffer.concat([q, Buffer.from([0, 0, 1])]);
  badRecord.writeUInt16BE(1, 10);
  const f2 = decodeMessage((await sendRawUdp(t.server, badRecord))!);
  assert.deepEqual([f2.flags & 0xf, f2.questions.length], [RCode.FORMERR, 1]);
  const status = Buffer.from(q);
  status.writeUInt16BE(2 << 11, 2);
  assert.equal(decodeMessage((await sendRawUdp(t.server, status))!).flags & 0xf, RCode.NOTIMP);
  const v1 = decodeMessage((await sendRawUdp(t.server, buildQuery('web.default.svc.cluster.local', RRType.A, { id: 5, edns: { version: 1 } })))!);
  assert.equal(rcodeOf(v1), RCode.BADVERS);
  const response = Buffer.from(q);
  response.writeUInt16BE(Flag.QR, 2);
  assert.equal(await sendRawUdp(t.server, response, 300), undefined);
  assert.equal(await sendRawUdp(t.server, Buffer.from([1, 2, 3]), 300), undefined);
});

test('random bytes never break the server', async () => {
  let seed = 4242;
  const rand = (): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed; };
  const base = buildQuery('many.default.svc.cluster.local', RRType.A, { id: 1, edns: {} });
  const { createSocket } = await import('node:dgram');
  const s = createSocket('udp4');
  let replies = 0;
  s.on('message', (m) => {
    replies++;
    decodeMessage(m);
  });
  try {
    for (let i = 0; i < 2000; i++) {
      const b = i % 2 ? Buffer.from(base) : Buffer.alloc(rand() % 100, rand() & 0xff);
      for (let j = 0; j < 1 + (rand() % 6); j++) if (b.length) b[rand() % b.length] = rand() & 0xff;
      s.send(b, t.server.port, t.server.address);
      if (i % 100 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 500));
  } finally {
    s.close();
  }
  assert.ok(replies > 0);
  const ok = await t.ask('many.default.svc.cluster.local', RRType.A, { tcp: true });
  assert.equal(ok.msg.answers.length, ENDPOINTS, 'still serving');
  const tcpJunk = await sendTcp(t.server, Buffer.from([0xde, 0xad, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xff]), 1000);
  assert.equal(tcpJunk.msg.flags & 0xf, RCode.FORMERR);
});
