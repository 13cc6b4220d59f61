import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLASS_IN, Flag, RRType } from './constants.js';
import { DnsFormatError } from './format-error.js';
import { decodeMessage, encodeMessage, rcodeOf, type Message } from './message.js';
import type { ResourceRecord } from './records.js';

const rr = (name: string, type: number, data: ResourceRecord['data'], ttl = 5): ResourceRecord => ({ name, type, class: CLASS_IN, ttl, data });

const sample: Message = {
  id: 0xbeef,
  flags: Flag.QR | Flag.AA | Flag.RD | 3,
  questions: [{ name: 'web.default.svc.cluster.local', type: RRType.SRV, class: CLASS_IN }],
  answers: [
    rr('web.default.svc.cluster.local', RRType.A, { t: 'A', address: '10.43.0.20' }),
    rr('web.default.svc.cluster.local', RRType.AAAA, { t: 'AAAA', address: 'fd00::20' }),
    rr('alias.default.svc.cluster.local', RRType.CNAME, { t: 'NAME', target: 'web.default.svc.cluster.local' }),
    rr('_http._tcp.web.default.svc.cluster.local', RRType.SRV, { t: 'SRV', priority: 0, weight: 100, port: 80, target: 'web.default.svc.cluster.local' }),
    rr('20.0.43.10.in-addr.arpa', RRType.PTR, { t: 'NAME', target: 'web.default.svc.cluster.local' }),
    rr('cluster.local', RRType.MX, { t: 'MX', preference: 10, exchange: 'mail.cluster.local' }),
    rr('dns-version.cluster.local', RRType.TXT, { t: 'TXT', texts: [Buffer.from('1.1.0'), Buffer.from('')] }, 28800),
    rr('x.cluster.local', 99, { t: 'RAW', bytes: Buffer.from([1, 2, 3]) }),
  ],
  authority: [rr('cluster.local', RRType.SOA, {
    t: 'SOA', mname: 'ns.dns.cluster.local', rname: 'hostmaster.cluster.local', serial: 1700000000, refresh: 7200, retry: 1800, expire: 86400, minimum: 5,
  })],
  additional: [rr('ns.dns.cluster.local', RRType.A, { t: 'A', address: '10.43.0.10' })],
  edns: { udpSize: 1232, extRcode: 0, version: 0, flags: 0x8000, options: Buffer.from([0, 10, 0, 2, 0xab, 0xcd]) },
};

test('every record type round-trips through encode and decode, EDNS options included', () => {
  const wire = encodeMessage(sample);
  assert.deepEqual(decodeMessage(wire), sample);
  assert.equal(rcodeOf(sample), 3);
});

test('names are compressed: repeated names cost a pointer; SRV targets are written whole', () => {
  const wire = encodeMessage(sample);
  const uncompressed = JSON.stringify(sample).length; // only a sanity bound
  assert.ok(wire.length < uncompressed);
  const one = encodeMessage({ ...sample, answers: sample.answers.slice(0, 1), authority: [], additional: [], edns: undefined });
  const two = encodeMessage({ ...sample, answers: sample.answers.slice(0, 2), authority: [], additional: [], edns: undefined });
  // The second record's owner is a 2-byte pointer: 2 + 10 header bytes + 16 address bytes.
  assert.equal(two.length - one.length, 28);
  const srv = encodeMessage({ ...sample, questions: [], answers: [sample.answers[3]], authority: [], additional: [], edns: undefined });
  assert.ok(srv.includes(Buffer.from('\x03web\x07default\x03svc\x07cluster\x05local\x00', 'latin1')));
});

test('malformed messages are format errors, never other exceptions', () => {
  const wire = encodeMessage(sample);
  for (let cut = 0; cut < wire.length; cut++) {
    try {
      decodeMessage(wire.subarray(0, cut));
    } catch (err) {
      assert.ok(err instanceof DnsFormatError, `cut at ${cut}: ${(err as Error).message}`);
    }
  }
  const twoOpts = encodeMessage({ ...sample, additional: [] });
  const withTwo = Buffer.concat([twoOpts, twoOpts.subarray(twoOpts.length - 17)]);
  withTwo.writeUInt16BE(2, 10);
  assert.throws(() => decodeMessage(withTwo), /more than one OPT/);
});

test('random bytes decode or fail with a format error', () => {
  let seed = 12345;
  const rand = (): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed; };
  const wire = encodeMessage(sample);
  for (let i = 0; i < 3000; i++) {
    const b = Buffer.from(i % 2 ? wire : Buffer.alloc(rand() % 80));
    for (let j = 0; j < 1 + (rand() % 8); j++) if (b.length) b[rand() % b.length] = rand() & 0xff;
    try {
      decodeMessage(b);
    } catch (err) {
      assert.ok(err instanceof DnsFormatError, (err as Error).message);
    }
  }
});
