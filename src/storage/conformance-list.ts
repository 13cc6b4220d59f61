/** Conformance: lists under a prefix, paging at a fixed revision, and counts. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConformanceContext } from './conformance.js';

export function listTests(ctx: ConformanceContext): void {
  describe('list', () => {
    it('lists the keys under a prefix in key order, not those of a sibling prefix', async () => {
      const b = ctx.backend();
      const ns = ctx.prefix();
      await b.create(`${ns}pods/default/b`, 'b');
      await b.create(`${ns}pods/default/a`, 'a');
      await b.create(`${ns}pods/kube-system/c`, 'c');
      await b.create(`${ns}podsx/default/x`, 'x');
      await b.create(`${ns}pod`, 'p');
      const res = await b.list(`${ns}pods/`);
      assert.deepEqual(
        res.items.map((kv) => kv.key),
        [`${ns}pods/default/a`, `${ns}pods/default/b`, `${ns}pods/kube-system/c`],
      );
      assert.deepEqual(res.items.map((kv) => kv.value), ['a', 'b', 'c']);
      assert.equal(res.more, false);
      assert.equal(res.revision, await b.currentRevision());
      const one = await b.list(`${ns}pods/default/`);
      assert.equal(one.items.length, 2);
      assert.deepEqual((await b.list(`${ns}nothing/`)).items, []);
    });

    it('lists as of an older revision', async () => {
      const b = ctx.backend();
      const ns = ctx.prefix();
      const a1 = await b.create(`${ns}a`, 'a1');
      const b1 = await b.create(`${ns}b`, 'b1');
      const a2 = await b.update(`${ns}a`, 'a2', a1.modRevision);
      await b.delete(`${ns}b`, b1.modRevision);
      await b.create(`${ns}c`, 'c1');
      const old = await b.list(ns, { revision: b1.modRevision });
      assert.equal(old.revision, b1.modRevision);
      assert.deepEqual(old.items, [a1, b1]);
      const now = await b.list(ns);
      assert.deepEqual(now.items.map((kv) => kv.value), ['a2', 'c1']);
      assert.deepEqual(now.items[0], a2);
    });

    it('pages with limit and startKey at the first page revision', async () => {
      const b = ctx.backend();
      const ns = ctx.prefix();
      const created = [];
      for (let i = 0; i < 5; i++) created.push(await b.create(`${ns}k${i}`, `v${i}`));
      const page1 = await b.list(ns, { limit: 2 });
      assert.deepEqual(page1.items, created.slice(0, 2));
      assert.equal(page1.more, true);
      assert.equal(page1.remaining, 3);

      // Writes after the first page must not show on the following pages read at its revision.
      await b.create(`${ns}k1a`, 'new');
      await b.update(`${ns}k2`, 'changed', created[2].modRevision);
      await b.delete(`${ns}k3`, created[3].modRevision);
      await b.create(`${ns}k5`, 'later');

      const next = (last: string) => `${last}\u0000`;
      const page2 = await b.list(ns, { limit: 2, startKey: next(page1.items[1].key), revision: page1.revision });
      assert.equal(page2.revision, page1.revision);
      assert.deepEqual(page2.items, created.slice(2, 4));
      assert.equal(page2.more, true);
      assert.equal(page2.remaining, 1);
      const page3 = await b.list(ns, { limit: 2, startKey: next(page2.items[1].key), revision: page1.revision });
      assert.deepEqual(page3.items, created.slice(4));
      assert.equal(page3.more, false);

      const now = await b.list(ns);
      assert.deepEqual(
        now.items.map((kv) => `${kv.key.slice(ns.length)}=${kv.value}`),
        ['k0=v0', 'k1=v1', 'k1a=new', 'k2=changed', 'k4=v4', 'k5=later'],
      );
    });

    it('returns everything from startKey when no limit is given', async () => {
      const b = ctx.backend();
      const ns = ctx.prefix();
      for (const name of ['a', 'b', 'c']) await b.create(`${ns}${name}`, name);
      const res = await b.list(ns, { startKey: `${ns}b` });
      assert.deepEqual(res.items.map((kv) => kv.value), ['b', 'c']);
      assert.equal(res.more, false);
      const exact = await b.list(ns, { limit: 3 });
      assert.equal(exact.items.length, 3);
      assert.equal(exact.more, false);
    });

    it('counts the live keys under a prefix', async () => {
      const b = ctx.backend();
      const ns = ctx.prefix();
      assert.equal(await b.count(`${ns}pods/`), 0);
      const a = await b.create(`${ns}pods/a`, 'a');
      await b.create(`${ns}pods/b`, 'b');
      await b.create(`${ns}pods/c`, 'c');
      await b.create(`${ns}podsx/d`, 'd');
      await b.update(`${ns}pods/a`, 'a2', a.modRevision);
      await b.delete(`${ns}pods/c`, 0);
      assert.equal(await b.count(`${ns}pods/`), 2);
      assert.equal(await b.count(ns), 3);
    });
  });
}
