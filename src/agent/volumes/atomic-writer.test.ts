import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_DIR, invalidPath, writeAtomic, type Payload } from './atomic-writer.js';

function payload(files: Record<string, string | [string, number]>): Payload {
  const p: Payload = new Map();
  for (const [k, v] of Object.entries(files)) {
    const [text, mode] = typeof v === 'string' ? [v, 0o644] : v;
    p.set(k, { data: Buffer.from(text), mode });
  }
  return p;
}

function tsDirs(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.startsWith('..') && n !== DATA_DIR);
}

describe('atomic writer', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), `navarch-atomic-${process.pid}-`)); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes into a timestamped directory behind ..data, with a visible link per top-level entry', async () => {
    const now = new Date('2026-11-22T10:00:00.123Z');
    assert.equal(await writeAtomic(dir, payload({ 'app.conf': 'a=1', 'nested/deep/x': ['x', 0o400] }), { now: () => now }), true);
    const [ts] = tsDirs(dir);
    assert.match(ts!, /^\.\.2026_11_22_10_00_00\.\d+$/);
    assert.equal(statSync(join(dir, ts!)).mode & 0o7777, 0o755);
    assert.equal(readlinkSync(join(dir, DATA_DIR)), ts);
    assert.equal(readlinkSync(join(dir, 'app.conf')), '..data/app.conf');
    assert.equal(readlinkSync(join(dir, 'nested')), '..data/nested');
    assert.equal(readFileSync(join(dir, 'app.conf'), 'utf8'), 'a=1');
    assert.equal(readFileSync(join(dir, 'nested/deep/x'), 'utf8'), 'x');
    assert.equal(statSync(join(dir, 'nested/deep/x')).mode & 0o777, 0o400);
    assert.equal(statSync(join(dir, 'app.conf')).mode & 0o777, 0o644);
    assert.deepEqual(readdirSync(dir).sort(), ['..data', ts!, 'app.conf', 'nested'].sort());
  });

  it('does nothing when the content is unchanged', async () => {
    await writeAtomic(dir, payload({ a: '1' }));
    const before = readlinkSync(join(dir, DATA_DIR));
    assert.equal(await writeAtomic(dir, payload({ a: '1' })), false);
    assert.equal(readlinkSync(join(dir, DATA_DIR)), before);
  });

  it('swaps ..data to a new directory on change, drops removed keys and the old directory', async () => {
    await writeAtomic(dir, payload({ a: '1', b: '2' }));
    const first = readlinkSync(join(dir, DATA_DIR));
    assert.equal(await writeAtomic(dir, payload({ a: 'changed', c: '3' })), true);
    const second = readlinkSync(join(dir, DATA_DIR));
    assert.notEqual(second, first);
    assert.deepEqual(tsDirs(dir), [second]);
    assert.equal(readFileSync(join(dir, 'a'), 'utf8'), 'changed');
    assert.equal(readFileSync(join(dir, 'c'), 'utf8'), '3');
    assert.throws(() => lstatSync(join(dir, 'b')), /ENOENT/);
    assert.ok(lstatSync(join(dir, 'a')).isSymbolicLink());
  });

  it('an empty payload still makes ..data (an optional object that is missing)', async () => {
    await writeAtomic(dir, new Map());
    assert.ok(lstatSync(join(dir, DATA_DIR)).isSymbolicLink());
    assert.deepEqual(readdirSync(join(dir, DATA_DIR)), []);
  });

  it('runs setPerms before the new content becomes visible', async () => {
    await writeAtomic(dir, payload({ a: '1' }));
    const old = readlinkSync(join(dir, DATA_DIR));
    let seen = '';
    await writeAtomic(dir, payload({ a: '2' }), { setPerms: async () => { seen = readlinkSync(join(dir, DATA_DIR)); } });
    assert.equal(seen, old);
  });

  it('refuses paths the kubelet refuses', async () => {
    assert.equal(invalidPath('a/b'), undefined);
    assert.equal(invalidPath('..a'), "invalid path: must not start with '..': ..a");
    assert.equal(invalidPath('a/../b'), "invalid path: must not contain '..': a/../b");
    assert.equal(invalidPath('/etc/x'), 'invalid path: must be relative path: /etc/x');
    assert.equal(invalidPath(''), 'invalid path: must not be empty: ""');
    await assert.rejects(writeAtomic(dir, payload({ '..data': 'x' })), /must not start with '\.\.'/);
  });
});
