import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createReadStream, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync, linkSync, symlinkSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyLayer } from './apply-layer.js';

/** A tar archive of entries made here (names may be hostile), in ustar with PAX headers. */
function tar(entries: Array<{ name: string; type?: string; body?: string; link?: string; mode?: number; pax?: Record<string, string> }>): Buffer {
  const blocks: Buffer[] = [];
  const header = (name: string, type: string, size: number, link = '', mode = 0o644) => {
    const h = Buffer.alloc(512);
    h.write(name.slice(0, 100), 0, 'utf8');
    h.write(`${mode.toString(8).padStart(7, '0')}\0`, 100);
    h.write('0000000\0', 108);
    h.write('0000000\0', 116);
    h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
    h.write('00000000000\0', 136);
    h.write(type, 156);
    h.write(link, 157);
    h.write('ustar\0', 257);
    h.write('00', 263);
    h.fill(0x20, 148, 156);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    return h;
  };
  const pad = (b: Buffer) => Buffer.concat([b, Buffer.alloc((512 - (b.length % 512)) % 512)]);
  for (const e of entries) {
    if (e.pax) {
      const recs = Object.entries(e.pax).map(([k, v]) => {
        const body = ` ${k}=${v}\n`;
        let len = body.length + 1;
        while (String(len).length + body.length !== len) len = String(len).length + body.length;
        return `${len}${body}`;
      }).join('');
      blocks.push(header('PaxHeader', 'x', Buffer.byteLength(recs)), pad(Buffer.from(recs)));
    }
    const body = Buffer.from(e.body ?? '');
    blocks.push(header(e.name, e.type ?? '0', e.type && e.type !== '0' ? 0 : body.length, e.link, e.mode));
    if (body.length > 0) blocks.push(pad(body));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

async function* chunks(buf: Buffer, size = 700): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

describe('layer unpacking', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'navarch-layers-')); });
  after(() => {
    try { execFileSync('umount', [join(dir, 'merged')], { stdio: 'ignore' }); } catch { /* not mounted */ }
    rmSync(dir, { recursive: true, force: true });
  });

  it('unpacks a GNU tar layer with its modes, links and times, and whiteouts as overlayfs reads them', async () => {
    // Layer 1 from GNU tar: a directory tree with a symlink and a hard link.
    const src = join(dir, 'src1');
    mkdirSync(join(src, 'a'), { recursive: true });
    mkdirSync(join(src, 'd'));
    writeFileSync(join(src, 'a', 'keep'), 'keep');
    writeFileSync(join(src, 'a', 'gone'), 'gone');
    writeFileSync(join(src, 'd', 'old'), 'old');
    writeFileSync(join(src, 'x'), 'x');
    writeFileSync(join(src, 'tool'), '#!/bin/sh\n', { mode: 0o4755 });
    symlinkSync('x', join(src, 'link'));
    linkSync(join(src, 'x'), join(src, 'hard'));
    execFileSync('tar', ['--mtime=@1000000', '-C', src, '-cf', join(dir, 'l1.tar'), '.']);
    const l1 = join(dir, 'l1');
    await applyLayer(createReadStream(join(dir, 'l1.tar')) as AsyncIterable<Buffer>, l1);
    assert.equal(readFileSync(join(l1, 'a', 'keep'), 'utf8'), 'keep');
    assert.equal(readlinkSync(join(l1, 'link')), 'x');
    assert.equal(statSync(join(l1, 'hard')).ino, statSync(join(l1, 'x')).ino);
    assert.equal(statSync(join(l1, 'tool')).mode & 0o7777, 0o4755);
    assert.equal(statSync(join(l1, 'a')).mtimeMs, 1_000_000_000);

    // Layer 2 (made here): deletes a/gone and x, makes d opaque, adds files; a long PAX name too.
    const long = `deep/${'n'.repeat(150)}`;
    const l2 = join(dir, 'l2');
    const stats = await applyLayer(chunks(tar([
      { name: 'a/.wh.gone' },
      { name: '.wh.x' },
      { name: 'd/', type: '5', mode: 0o755 },
      { name: 'd/.wh..wh..opq' },
      { name: 'd/new', body: 'new' },
      { name: 'ignored-name', body: 'long', pax: { path: long } },
    ])), l2);
    assert.equal(stats.whiteouts, 3);
    const wh = lstatSync(join(l2, 'a', 'gone'));
    assert.ok(wh.isCharacterDevice() && wh.rdev === 0, 'a whiteout is a 0/0 character device');
    assert.equal(readFileSync(join(l2, long), 'utf8'), 'long');

    const merged = join(dir, 'merged');
    for (const d of ['merged', 'upper', 'work']) mkdirSync(join(dir, d));
    execFileSync('mount', ['-t', 'overlay', 'overlay', '-o',
      `lowerdir=${l2}:${l1},upperdir=${join(dir, 'upper')},workdir=${join(dir, 'work')}`, merged]);
    try {
      assert.equal(readFileSync(join(merged, 'a', 'keep'), 'utf8'), 'keep');
      assert.equal(existsSync(join(merged, 'a', 'gone')), false);
      assert.equal(existsSync(join(merged, 'x')), false);
      assert.equal(readFileSync(join(merged, 'hard'), 'utf8'), 'x');
      assert.equal(existsSync(join(merged, 'd', 'old')), false, 'the opaque directory hides the lower one');
      assert.equal(readFileSync(join(merged, 'd', 'new'), 'utf8'), 'new');
    } finally {
      execFileSync('umount', [merged]);
    }
  });

  it('refuses entries that leave the layer', async () => {
    await assert.rejects(applyLayer(chunks(tar([{ name: '../evil', body: 'x' }])), join(dir, 'bad1')), /leaves the layer/);
    await assert.rejects(applyLayer(chunks(tar([
      { name: 'etc', type: '2', link: '/etc' },
      { name: 'etc/passwd', body: 'x' },
    ])), join(dir, 'bad2')), /passes through a symbolic link/);
    assert.equal(readFileSync('/etc/passwd', 'utf8').startsWith('x'), false);
    await assert.rejects(applyLayer(chunks(tar([{ name: 'a', body: 'x' }]).subarray(0, 600)), join(dir, 'bad3')), /unexpected end of data/);
  });
});
