import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedTimestamp, parseCriRecord, rfc3339ToNs } from './cri-record.js';

describe('parseCriRecord', () => {
  it('keeps a full record\'s newline and drops a partial record\'s', () => {
    const full = parseCriRecord(Buffer.from('2024-05-01T10:00:00.123456789Z stdout F hello world\n'));
    assert.equal(full?.stream, 'stdout');
    assert.equal(full?.partial, false);
    assert.equal(full?.content.toString(), 'hello world\n');
    const part = parseCriRecord(Buffer.from('2024-05-01T10:00:00.1Z stderr P piece\n'));
    assert.equal(part?.stream, 'stderr');
    assert.equal(part?.partial, true);
    assert.equal(part?.content.toString(), 'piece');
  });

  it('reads tags after the first and content with spaces and bytes that are not UTF-8', () => {
    const line = Buffer.concat([Buffer.from('2024-05-01T10:00:00Z stdout F:x  a b '), Buffer.from([0xff, 0x0a])]);
    const rec = parseCriRecord(line);
    assert.deepEqual([...rec!.content], [...Buffer.from(' a b '), 0xff, 0x0a]);
  });

  it('rejects lines that are not CRI records', () => {
    for (const s of ['', 'garbage', 'notatime stdout F x', '2024-05-01T10:00:00Z stdin F x', '2024-05-01T10:00:00Z stdout']) {
      assert.equal(parseCriRecord(Buffer.from(s)), undefined, s);
    }
  });
});

describe('timestamps', () => {
  it('converts RFC 3339 to nanoseconds, offsets included', () => {
    assert.equal(rfc3339ToNs('1970-01-01T00:00:01.000000002Z'), 1_000_000_002n);
    assert.equal(rfc3339ToNs('1970-01-01T01:00:01+01:00'), 1_000_000_000n);
    assert.equal(rfc3339ToNs('1970-01-01T00:00:01.5Z'), 1_500_000_000n);
    assert.equal(rfc3339ToNs('yesterday'), undefined);
  });

  it('prints nine fractional digits, and a zero offset as Z', () => {
    assert.equal(fixedTimestamp('2024-05-01T10:00:00.1234Z'), '2024-05-01T10:00:00.123400000Z');
    assert.equal(fixedTimestamp('2024-05-01T10:00:00Z'), '2024-05-01T10:00:00.000000000Z');
    assert.equal(fixedTimestamp('2024-05-01T10:00:00.5+02:00'), '2024-05-01T10:00:00.500000000+02:00');
    assert.equal(fixedTimestamp('2024-05-01T10:00:00+00:00'), '2024-05-01T10:00:00.000000000Z');
  });
});
