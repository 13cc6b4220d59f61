import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { tailStart } from './tail.js';

describe('tailStart', () => {
  const dir = mkdtempSync(join(tmpdir(), `navarch-tail-${process.pid}-`));
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function tail(content: string, lines: number): Promise<string> {
    const p = join(dir, 'f');
    writeFileSync(p, content);
    const fh = await open(p, 'r');
    try {
      const start = await tailStart(fh, Buffer.byteLength(content), lines);
      return Buffer.from(content).subarray(start).toString();
    } finally {
      await fh.close();
    }
  }

  it('finds the last N lines', async () => {
    assert.equal(await tail('a\nb\nc\n', 2), 'b\nc\n');
    assert.equal(await tail('a\nb\nc\n', 0), '');
    assert.equal(await tail('a\nb\nc\n', 3), 'a\nb\nc\n');
    assert.equal(await tail('a\nb\nc\n', 10), 'a\nb\nc\n');
    assert.equal(await tail('a\nb\nc\n', -1), 'a\nb\nc\n');
    assert.equal(await tail('', 5), '');
  });

  it('counts an unterminated last line with the one before it, as the kubelet does', async () => {
    assert.equal(await tail('a\nb\nc', 1), 'b\nc');
  });

  it('works across blocks', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i} ${'x'.repeat(20)}`);
    assert.equal(await tail(`${lines.join('\n')}\n`, 3), `${lines.slice(-3).join('\n')}\n`);
  });
});
