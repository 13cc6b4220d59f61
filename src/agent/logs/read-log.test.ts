import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { LogFileMissing, readContainerLog, type LogReadOptions } from './read-log.js';

class Collector extends Writable {
  data = Buffer.alloc(0);
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.data = Buffer.concat([this.data, chunk]);
    cb();
  }
  get text(): string { return this.data.toString(); }
}

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const LOG = [
  '2024-05-01T10:00:00.000000001Z stdout F one',
  '2024-05-01T10:00:01.5Z stderr F two',
  '2024-05-01T10:00:02.000000000Z stdout P thr',
  '2024-05-01T10:00:02.000000001Z stdout F ee',
  'not a record',
  '2024-05-01T10:00:03.000000000Z stdout F four',
].join('\n') + '\n';

describe('readContainerLog', () => {
  const dir = mkdtempSync(join(tmpdir(), `navarch-readlog-${process.pid}-`));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, '0.log');
  writeFileSync(file, LOG);

  async function read(opts: LogReadOptions): Promise<string> {
    const out = new Collector();
    await readContainerLog(file, opts, out);
    return out.text;
  }

  it('gives both streams in order, joining partial records and skipping lines that are not records', async () => {
    assert.equal(await read({}), 'one\ntwo\nthree\nfour\n');
  });

  it('tails by lines of the file', async () => {
    assert.equal(await read({ tailLines: 1 }), 'four\n');
    assert.equal(await read({ tailLines: 0 }), '');
    assert.equal(await read({ tailLines: 3 }), 'ee\nfour\n');
  });

  it('leaves out records before since', async () => {
    assert.equal(await read({ sinceNs: 1714557601_500_000_000n }), 'two\nthree\nfour\n');
    assert.equal(await read({ sinceNs: 1714557602_000_000_001n }), 'ee\nfour\n');
  });

  it('prefixes each record with its time in nine digits', async () => {
    assert.equal(await read({ timestamps: true, tailLines: 4 }), [
      '2024-05-01T10:00:02.000000000Z thr2024-05-01T10:00:02.000000001Z ee',
      '2024-05-01T10:00:03.000000000Z four', '',
    ].join('\n'));
    assert.match(await read({ timestamps: true }), /^2024-05-01T10:00:00\.000000001Z one\n2024-05-01T10:00:01\.500000000Z two\n/);
  });

  it('stops after limitBytes, cutting the last record', async () => {
    assert.equal(await read({ limitBytes: 6 }), 'one\ntw');
    assert.equal(await read({ limitBytes: 4 }), 'one\n');
    assert.equal(await read({ limitBytes: 10, timestamps: true }), '2024-05-01');
  });

  it('shows an unterminated last line when not following', async () => {
    const f = join(dir, 'partial.log');
    writeFileSync(f, '2024-05-01T10:00:00Z stdout F a\n2024-05-01T10:00:01Z stdout F b');
    const out = new Collector();
    await readContainerLog(f, {}, out);
    assert.equal(out.text, 'a\nb');
  });

  it('reports a missing file in the kubelet\'s words', async () => {
    const missing = join(dir, 'nope', '3.log');
    await assert.rejects(readContainerLog(missing, {}, new Collector()), (err: Error) => {
      assert.ok(err instanceof LogFileMissing);
      assert.equal(err.message, `failed to try resolving symlinks in path "${missing}": lstat ${missing}: no such file or directory`);
      return true;
    });
  });

  it('follows appended lines until the container stops, then ends after draining', async () => {
    const f = join(dir, 'follow.log');
    writeFileSync(f, '2024-05-01T10:00:00Z stdout F first\n2024-05-01T10:00:00Z stdout F second\n');
    let running = true;
    const out = new Collector();
    const done = readContainerLog(f, { follow: true, tailLines: 1 }, out, { isRunning: () => running, pollMs: 50 });
    try {
      await until(() => out.text === 'second\n', 'the tail');
      appendFileSync(f, '2024-05-01T10:00:01Z stdout F third\n2024-05-01T10:00:01Z stdout F hal');
      await until(() => out.text === 'second\nthird\n', 'an appended line');
      appendFileSync(f, 'f\n2024-05-01T10:00:02Z stdout F fourth\n'); // a line written in two goes
      await until(() => out.text.endsWith('fourth\n'), 'the rest of the line');
      assert.equal(out.text, 'second\nthird\nhalf\nfourth\n');
      running = false;
      appendFileSync(f, '2024-05-01T10:00:03Z stdout F last words\n');
    } finally {
      running = false;
      await done;
    }
    assert.equal(out.text, 'second\nthird\nhalf\nfourth\nlast words\n');
  });

  it('stops following when aborted, and at limitBytes', async () => {
    const f = join(dir, 'abort.log');
    writeFileSync(f, '2024-05-01T10:00:00Z stdout F x\n');
    const ac = new AbortController();
    const out = new Collector();
    const done = readContainerLog(f, { follow: true }, out, { isRunning: () => true, signal: ac.signal, pollMs: 50 });
    try {
      await until(() => out.text === 'x\n', 'the first line');
    } finally {
      ac.abort();
      await done;
    }
    const limited = new Collector();
    const guard = new AbortController();
    const ends = readContainerLog(f, { follow: true, limitBytes: 3 }, limited, { isRunning: () => true, signal: guard.signal, pollMs: 50 });
    appendFileSync(f, '2024-05-01T10:00:01Z stdout F yz\n');
    const timer = setTimeout(() => guard.abort(), 10_000);
    await ends;
    clearTimeout(timer);
    assert.equal(limited.text, 'x\ny');
  });

  it('starts over when the file is replaced while following', async () => {
    const f = join(dir, 'replaced.log');
    writeFileSync(f, '2024-05-01T10:00:00Z stdout F old one\n2024-05-01T10:00:00Z stdout F old two\n');
    let running = true;
    const out = new Collector();
    const done = readContainerLog(f, { follow: true }, out, { isRunning: () => running, pollMs: 50 });
    try {
      await until(() => out.text === 'old one\nold two\n', 'the old content');
      writeFileSync(f, '2024-05-01T10:00:05Z stdout F new\n');
      await until(() => out.text.endsWith('new\n'), 'the new file');
    } finally {
      running = false;
      await done;
    }
    assert.equal(out.text, 'old one\nold two\nnew\n');
  });
});
