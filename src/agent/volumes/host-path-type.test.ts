import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkHostPathType } from './host-path-type.js';

describe('hostPath type checks', () => {
  let dir: string;
  let sock: Server;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), `navarch-hostpath-${process.pid}-`));
    mkdirSync(join(dir, 'd'));
    writeFileSync(join(dir, 'f'), 'x');
    sock = createServer();
    await new Promise<void>((r) => sock.listen(join(dir, 's'), r));
  });
  after(async () => {
    await new Promise<void>((r) => sock.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('"" checks nothing', async () => {
    await checkHostPathType(join(dir, 'missing'), '');
    await checkHostPathType(join(dir, 'missing'), undefined);
  });

  it('DirectoryOrCreate makes a 0755 directory, and refuses a file', async () => {
    const p = join(dir, 'made/sub');
    await checkHostPathType(p, 'DirectoryOrCreate');
    assert.ok(statSync(p).isDirectory());
    assert.equal(statSync(p).mode & 0o777, 0o755);
    await assert.rejects(checkHostPathType(join(dir, 'f'), 'DirectoryOrCreate'), { message: `hostPath type check failed: ${join(dir, 'f')} is not a directory` });
  });

  it('FileOrCreate makes an empty 0644 file but not its parent', async () => {
    const p = join(dir, 'new-file');
    await checkHostPathType(p, 'FileOrCreate');
    assert.ok(statSync(p).isFile());
    assert.equal(statSync(p).mode & 0o777, 0o644);
    await assert.rejects(checkHostPathType(join(dir, 'nodir/file'), 'FileOrCreate'), { message: `open ${join(dir, 'nodir/file')}: no such file or directory` });
  });

  it('checks what exists, with the kubelet error text', async () => {
    await checkHostPathType(join(dir, 'd'), 'Directory');
    await checkHostPathType(join(dir, 'f'), 'File');
    await checkHostPathType(join(dir, 's'), 'Socket');
    await checkHostPathType('/dev/null', 'CharDevice');
    const cases: Array<[string, string, string]> = [
      ['missing', 'Directory', 'is not a directory'],
      ['f', 'Directory', 'is not a directory'],
      ['d', 'File', 'is not a file'],
      ['f', 'Socket', 'is not a socket file'],
      ['f', 'CharDevice', 'is not a character device'],
      ['f', 'BlockDevice', 'is not a block device'],
    ];
    for (const [name, type, what] of cases) {
      await assert.rejects(checkHostPathType(join(dir, name), type), { message: `hostPath type check failed: ${join(dir, name)} ${what}` });
    }
    await assert.rejects(checkHostPathType(join(dir, 'd'), 'Bogus'), { message: 'Bogus is an invalid volume type' });
  });
});
