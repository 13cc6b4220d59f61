import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatusError } from '../../api/index.js';
import { deployment, inPodSpec, patch, rejects, type Json } from './strategic-test-fixtures.js';

describe('strategic merge patch: malformed patches', () => {
  it('rejects an unknown $patch value in a map and in a list item', () => {
    rejects({ metadata: { labels: { $patch: 'foo', a: 'b' } } }, 400, 'unknown patch type: foo in map: map[$patch:foo a:b]');
    rejects(inPodSpec({ containers: [{ name: 'app', $patch: 'bogus' }] }), 400, 'unknown patch type: bogus in map: map[$patch:bogus name:app]');
  });

  it('rejects list items without the merge key', () => {
    rejects(inPodSpec({ containers: [{ image: 'x' }] }), 400, 'map: map[image:x] does not contain declared merge key: name');
    rejects(inPodSpec({ containers: [{ $patch: 'delete' }] }), 400, 'map: map[$patch:delete] does not contain declared merge key: name');
  });

  it('rejects malformed $setElementOrder and $deleteFromPrimitiveList directives', () => {
    rejects(inPodSpec({ '$setElementOrder/containers': 'app' }), 400, 'expected a []interface {}, but received a string');
    rejects(inPodSpec({ $setElementOrderContainers: [] }), 400, 'invalid patch format of setElementOrder list');
    rejects({ metadata: { $deleteFromPrimitiveList: ['x'] } }, 400, 'invalid patch format of primitive list');
    rejects(inPodSpec({
      '$setElementOrder/containers': [{ name: 'app' }],
      containers: [{ name: 'sidecar', image: 'x' }],
    }), 400, /^The order in patch list:\n\[map\[image:x name:sidecar\]\]\n doesn't match \$setElementOrder list:\n\[map\[name:app\]\]\n$/);
  });

  it('rejects lists of lists and lists of mixed types', () => {
    const original = deployment();
    (original.metadata as Json).finalizers = [];
    assert.throws(() => patch({ metadata: { finalizers: [['x']] } }, original),
      { code: 422, reason: 'Invalid', message: 'the server rejected our request due to an error in our request' });
    rejects({ metadata: { finalizers: [1] } }, 400, 'list element types are not identical: [[a.example/x b.example/y] [1]]');
    rejects(inPodSpec({ containers: ['app'] }), 400, /^list element types are not identical/);
  });
});

describe('strategic merge patch: fuzz', () => {
  /** mulberry32: a small seeded generator, so failures reproduce. */
  function prng(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('random patches yield an object or a StatusError and never change the inputs', () => {
    const rand = prng(20240611);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const keys = ['metadata', 'spec', 'template', 'containers', 'env', 'name', 'image', 'labels', 'finalizers', 'strategy',
      'rollingUpdate', 'type', 'volumes', 'tolerations', 'nodeSelector', 'ports', 'containerPort', 'args', '$patch',
      '$retainKeys', '$setElementOrder/containers', '$setElementOrder/env', '$deleteFromPrimitiveList/finalizers',
      '$setElementOrder', '$deleteFromPrimitiveList/', '__proto__', 'app', 'sidecar', 'A'];
    const scalars: unknown[] = [null, 'app', 'sidecar', 'A', 'replace', 'delete', 'merge', 'x', 80, 443, 1.5, true, ''];
    const value = (depth: number): unknown => {
      const r = rand();
      if (depth > 3 || r < 0.35) return pick(scalars);
      if (r < 0.6) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
      const m: Json = {};
      for (let i = Math.floor(rand() * 4); i > 0; i--) Object.defineProperty(m, pick(keys), { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
      return m;
    };
    const shaped = (): Json => inPodSpec({ containers: [{ name: pick(['app', 'sidecar', 'new']), env: [value(3) as Json], [pick(keys)]: value(2) }], [pick(keys)]: value(2) });
    let objects = 0;
    let errors = 0;
    for (let i = 0; i < 1500; i++) {
      const original = deployment();
      const p = rand() < 0.5 ? shaped() : (value(0) as Json);
      if (typeof p !== 'object' || p === null || Array.isArray(p)) continue;
      const before = [JSON.stringify(original), JSON.stringify(p)];
      try {
        const out = patch(p, original);
        assert.ok(typeof out === 'object' && out !== null && !Array.isArray(out), `patch ${before[1]} gave ${JSON.stringify(out)}`);
        objects++;
      } catch (e) {
        assert.ok(e instanceof StatusError, `patch ${before[1]} threw ${String(e)}`);
        errors++;
      }
      assert.deepEqual([JSON.stringify(original), JSON.stringify(p)], before, `patch ${before[1]} changed its inputs`);
    }
    assert.ok(objects > 100 && errors > 10, `objects ${objects}, errors ${errors}`);
  });
});

