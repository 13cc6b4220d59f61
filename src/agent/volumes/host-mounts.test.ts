import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mountEntry, mountTmpfs, mountsUnder, removeTree, unmountAll } from './host-mounts.js';

const root = process.getuid?.() === 0;

describe('host mounts', { skip: !root && 'needs root to mount' }, () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), `navarch-hostmounts-${process.pid}-`)); });
  after(async () => {
    for (const m of await mountsUnder(dir)) await unmountAll(m).catch(() => undefined);
    if ((await mountsUnder(dir)).length === 0) rmSync(dir, { recursive: true, force: true });
  });

  it('mounts a sized tmpfs, finds it, and unmounts it', async () => {
    const t = join(dir, 'a b');
    mkdirSync(t);
    await mountTmpfs(t, 4 * 2 ** 20);
    assert.equal((await mountEntry(t))?.fsType, 'tmpfs');
    assert.deepEqual(await mountsUnder(dir), [t]);
    await unmountAll(t);
    assert.equal(await mountEntry(t), undefined);
  });

  it('removeTree refuses a tree with a mount in it and keeps the mounted data', async () => {
    const tree = join(dir, 'tree');
    const inner = join(tree, 'x', 'mnt');
    mkdirSync(inner, { recursive: true });
    writeFileSync(join(tree, 'x', 'f'), 'f');
    await mountTmpfs(inner);
    writeFileSync(join(inner, 'data'), 'keep');
    await assert.rejects(removeTree(tree), { message: `Cannot remove ${tree}: ${inner} is still mounted` });
    assert.equal(readFileSync(join(inner, 'data'), 'utf8'), 'keep');
    await unmountAll(inner);
    await removeTree(tree);
    assert.equal(existsSync(tree), false);
    await removeTree(tree); // gone already: nothing to do
  });
});
