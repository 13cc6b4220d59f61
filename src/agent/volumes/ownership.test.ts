import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { lstatSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ownedMode, setVolumeOwnership } from './ownership.js';

const root = process.getuid?.() === 0;

describe('fsGroup ownership', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), `navarch-owner-${process.pid}-`));
    mkdirSync(join(dir, 'rw/sub'), { recursive: true });
    writeFileSync(join(dir, 'rw/sub/f'), 'x', { mode: 0o600 });
    mkdirSync(join(dir, 'ro'));
    writeFileSync(join(dir, 'ro/token'), 't', { mode: 0o600 });
    chmodSync(join(dir, 'ro/token'), 0o600);
    symlinkSync('token', join(dir, 'ro/link'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('computes the kubelet masks', () => {
    assert.equal(ownedMode(0o644, false, false), 0o664);
    assert.equal(ownedMode(0o600, false, true), 0o640);
    assert.equal(ownedMode(0o755, true, true), 0o2755);
    assert.equal(ownedMode(0o777, true, false), 0o2777);
  });

  it('re-groups everything and sets the modes', { skip: !root && 'needs root to chown' }, async () => {
    await setVolumeOwnership(join(dir, 'rw'), 4321, false);
    assert.equal(statSync(join(dir, 'rw/sub/f')).gid, 4321);
    assert.equal(statSync(join(dir, 'rw/sub/f')).mode & 0o7777, 0o660);
    assert.equal(statSync(join(dir, 'rw/sub')).mode & 0o2000, 0o2000);
    await setVolumeOwnership(join(dir, 'ro'), 4321, true);
    assert.equal(statSync(join(dir, 'ro/token')).mode & 0o7777, 0o640);
    assert.equal(lstatSync(join(dir, 'ro/link')).gid, 4321);
  });
});
