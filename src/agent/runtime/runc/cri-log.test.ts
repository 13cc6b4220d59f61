import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CriLogWriter, MAX_LINE, criTimestamp, parseLogLine } from './cri-log.js';

describe('CRI log format', () => {
  const dir = mkdtempSync(join(tmpdir(), 'navarch-crilog-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one record per line, splitting long lines into P pieces and ending a stream with F', async () => {
    const path = join(dir, '0.log');
    const w = new CriLogWriter(path);
    w.write('stdout', Buffer.from('hel'));
    w.write('stderr', Buffer.from('warn\n'));
    w.write('stdout', Buffer.from('lo\n\nlast'));
    w.write('stdout', Buffer.from(`${'x'.repeat(MAX_LINE + 10)}\n`));
    w.write('stderr', Buffer.from('no newline'));
    w.endStream('stdout');
    w.endStream('stderr');
    await w.close();
    const recs = readFileSync(path, 'utf8').split('\n').filter((l) => l !== '').map((l) => parseLogLine(l)!);
    assert.deepEqual(recs.map((r) => [r.stream, r.tag, r.content.length > 20 ? r.content.length : r.content]), [
      ['stderr', 'F', 'warn'], ['stdout', 'F', 'hello'], ['stdout', 'F', ''],
      ['stdout', 'P', MAX_LINE], ['stdout', 'F', 'x'.repeat(14)], ['stderr', 'F', 'no newline'],
    ]);
    assert.ok(recs[3]!.content.startsWith('lastxxx'), 'the unfinished line continues with the next chunk');
  });

  it('stamps times with nine fractional digits in UTC', () => {
    assert.equal(criTimestamp(Date.UTC(2026, 10, 21, 10, 0, 0, 123) + 0.4567), '2026-11-21T10:00:00.123456000Z');
    assert.deepEqual(parseLogLine('2026-11-21T10:00:00.000000000Z stdout F a b '), {
      time: '2026-11-21T10:00:00.000000000Z', stream: 'stdout', tag: 'F', content: 'a b ',
    });
    assert.equal(parseLogLine('garbage'), undefined);
  });
});
