import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { openBackend } from './open.js';

describe('openBackend', () => {
  it('opens memory://', async () => {
    const b = await openBackend('memory://');
    assert.equal((await b.create('/k', 'v')).modRevision, 1);
    await b.close();
  });

  it('opens sqlite:// with an absolute or a relative path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'navarch-open-'));
    try {
      const abs = await openBackend(`sqlite://${join(dir, 'a.db')}`);
      await abs.create('/k', 'v');
      await abs.close();
      const rel = await openBackend(`sqlite://${relative(process.cwd(), join(dir, 'a.db'))}`);
      assert.equal((await rel.get('/k'))?.value, 'v');
      await rel.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects unknown schemes and malformed URLs clearly', async () => {
    await assert.rejects(openBackend('postgres://db/x'), /unknown scheme postgres:\/\//);
    await assert.rejects(openBackend('/var/lib/x.db'), /expected sqlite:\/\/PATH/);
    await assert.rejects(openBackend('sqlite://'), /needs a file path/);
    await assert.rejects(openBackend('etcd://'), /needs HOST:PORT/);
  });
});
