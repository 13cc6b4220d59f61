import { test } from 'node:test';
import assert from 'node:assert/strict';
import { childrenOf, decodeOid, decodeString, oid, readDer, sequence, time, tlv, unsignedInteger } from './der.js';

test('object identifiers, integers and lengths encode as DER and read back', () => {
  assert.equal(oid('1.2.840.113549.1.1.11').toString('hex'), '06092a864886f70d01010b');
  for (const o of ['2.5.29.37.0', '1.3.6.1.4.1.311.10.3.3', '2.16.840.1.113730.4.1']) assert.equal(decodeOid(readDer(oid(o)).content), o);
  assert.equal(unsignedInteger(Buffer.from([0x00, 0x00, 0x80])).toString('hex'), '02020080', 'leading zeros dropped, a sign byte added');
  assert.equal(unsignedInteger(Buffer.from([0x7f])).toString('hex'), '02017f');
  const long = tlv(0x04, Buffer.alloc(300));
  assert.equal(long.subarray(0, 4).toString('hex'), '0482012c');
  const seq = readDer(sequence(long, oid('2.5.4.3')));
  assert.deepEqual(childrenOf(seq).map((c) => c.tag), [0x04, 0x06]);
  assert.throws(() => readDer(Buffer.from([0x30, 0x05, 0x01])), { message: 'asn1: truncated data' });
});

test('times: UTCTime through 2049, GeneralizedTime after; strings by their tag', () => {
  assert.equal(time(new Date('2030-01-02T03:04:05.678Z')).toString('latin1', 2), '300102030405Z');
  assert.equal(time(new Date('2030-01-02T03:04:05Z'))[0], 0x17);
  const g = time(new Date('2050-01-01T00:00:00Z'));
  assert.deepEqual([g[0], g.toString('latin1', 2)], [0x18, '20500101000000Z']);
  assert.equal(decodeString(readDer(tlv(0x0c, Buffer.from('café')))), 'café');
  assert.equal(decodeString(readDer(tlv(0x1e, Buffer.from([0x00, 0x61, 0x00, 0xe9])))), 'aé');
});
