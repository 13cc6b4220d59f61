import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { withAutoCompaction } from './auto-compaction.js';
import { openMemoryBackend } from './memory/index.js';

describe('auto compaction', () => {
  it('compacts to keep revisions behind the current one', async () => {
    const b = withAutoCompaction(await openMemoryBackend(), { intervalMs: 10, keep: 5 });
    let kv = await b.create('/registry/x', '0');
    for (let i = 1; i < 20; i++) kv = await b.update('/registry/x', String(i), kv.modRevision);
    const deadline = Date.now() + 3000;
    while ((await b.compactRevision()) !== kv.modRevision - 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.equal(await b.compactRevision(), kv.modRevision - 5);
    await b.close();
  });
});
