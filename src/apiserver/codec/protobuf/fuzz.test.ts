/**
 * Random, truncated and mutated protobuf bodies: the decoder answers each with an object or a 400
 * StatusError and nothing else, and the server answers them with a 400 Status, keeps serving, and
 * stores nothing it rejected. Seeded, so every run sends the same bodies.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { builtinResources, StatusError, type ResourceDef } from '../../../api/index.js';
import type { RestClient } from '../../../client/index.js';
import { startApiFixture, type ApiFixture } from '../../../testing/index.js';
import { decodeProtobuf } from './decode.js';
import { PROTOBUF_MAGIC } from './envelope.js';
import { KUBECTL_1_32_BODIES } from './kubectl-bodies.js';
import { resourceTarget } from './targets.js';
import { WireReader } from './wire.js';

const PROTOBUF = 'application/vnd.kubernetes.protobuf';

function prng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % n);
  };
}

function defFor(path: string): ResourceDef {
  const m = /^\/(?:api|apis\/([^/]+))\/([^/]+)\/(?:namespaces\/[^/]+\/)?([a-z]+)/.exec(path);
  const def = m && builtinResources.find((d) => d.group === (m[1] ?? '') && d.version === m[2] && d.plural === m[3]);
  assert.ok(def, path);
  return def;
}

const fixtures = KUBECTL_1_32_BODIES.map((f) => ({ ...f, bytes: Buffer.from(f.body, 'base64'), def: defFor(f.path) }));

/** Where the envelope's raw field (tag, length and bytes) starts and ends. */
function rawField(body: Uint8Array): [number, number] {
  const r = new WireReader(body, PROTOBUF_MAGIC.length);
  for (;;) {
    const start = r.pos;
    const t = r.tag('Unknown');
    r.skip(t.wire, 'Unknown');
    if (t.field === 2) return [start, r.pos];
  }
}

function randomBytes(rand: (n: number) => number, withMagic: boolean): Buffer {
  const n = rand(120);
  const bytes = Array.from({ length: n }, () => rand(256));
  return Buffer.from(withMagic ? [...PROTOBUF_MAGIC, ...bytes] : bytes);
}

function mutate(rand: (n: number) => number, body: Buffer): Buffer {
  const out = Buffer.from(body);
  const flips = 1 + rand(4);
  for (let i = 0; i < flips; i++) {
    const at = PROTOBUF_MAGIC.length + rand(out.length - PROTOBUF_MAGIC.length);
    out[at] = rand(4) === 0 ? 0xff : out[at] ^ (1 << rand(8));
  }
  return out;
}

/** Decodes and reports "ok" or the 400's message; anything else fails the test. */
function outcome(body: Uint8Array, def: ResourceDef): 'ok' | 'bad request' {
  try {
    const obj = decodeProtobuf(body, resourceTarget(def));
    assert.equal(typeof obj, 'object');
    return 'ok';
  } catch (err) {
    assert.ok(err instanceof StatusError, `not a StatusError: ${String(err)}`);
    assert.equal(err.code, 400, err.message);
    return 'bad request';
  }
}

describe('protobuf fuzz, decoder', () => {
  it('answers random bodies with a 400', () => {
    const rand = prng(1);
    for (let i = 0; i < 2000; i++) {
      const f = fixtures[rand(fixtures.length)];
      assert.equal(outcome(randomBytes(rand, rand(8) !== 0), f.def), 'bad request');
    }
  });

  it('answers every cut inside the object with a 400', () => {
    for (const f of fixtures) {
      const [start, end] = rawField(f.bytes);
      for (let cut = start + 1; cut < end; cut++) {
        assert.equal(outcome(f.bytes.subarray(0, cut), f.def), 'bad request', `${f.command} cut at ${cut}`);
      }
    }
  });

  it('answers mutated bodies with an object or a 400, never anything else', () => {
    const rand = prng(2);
    const seen = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const f = fixtures[rand(fixtures.length)];
      seen.add(outcome(mutate(rand, f.bytes), f.def));
    }
    assert.deepEqual([...seen].sort(), ['bad request', 'ok']);
  });
});

describe('protobuf fuzz, server', () => {
  let t: ApiFixture;
  let c: RestClient;
  before(async () => {
    t = await startApiFixture();
    c = t.clientset.rest;
  });
  after(async () => { await t.stop(); });

  const CM = '/api/v1/namespaces/default/configmaps';
  const configMap = fixtures.find((f) => f.path === CM);

  async function stored(): Promise<string[]> {
    const r = await c.request('GET', CM);
    return (JSON.parse(r.text) as { items: Array<{ metadata: { name: string } }> }).items.map((o) => o.metadata.name);
  }

  it('rejects truncated and random bodies with a 400 Status and stores none of them', async () => {
    assert.ok(configMap);
    const rand = prng(3);
    const [start, end] = rawField(configMap.bytes);
    const bodies: Buffer[] = [];
    for (let cut = 0; cut < end; cut++) if (cut !== start) bodies.push(configMap.bytes.subarray(0, cut));
    for (let i = 0; i < 100; i++) bodies.push(randomBytes(rand, rand(4) !== 0));
    for (const body of bodies) {
      const r = await c.request('POST', CM, { rawBody: body, contentType: PROTOBUF });
      assert.equal(r.status, 400, `${body.toString('hex')}: ${r.text}`);
      const status = JSON.parse(r.text) as { kind: string; reason: string; code: number };
      assert.deepEqual([status.kind, status.reason, status.code], ['Status', 'BadRequest', 400]);
    }
    assert.deepEqual(await stored(), []);
    // The untouched body is accepted, so the 400s above are about the damage.
    const r = await c.request('POST', CM, { rawBody: configMap.bytes, contentType: PROTOBUF });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(await stored(), ['c1']);
  });

  it('keeps serving after mutated bodies, storing only what it accepted', async () => {
    assert.ok(configMap);
    const rand = prng(4);
    const before = (await stored()).length;
    let created = 0;
    for (let i = 0; i < 150; i++) {
      const r = await c.request('POST', CM, { rawBody: mutate(rand, configMap.bytes), contentType: PROTOBUF });
      assert.ok(r.status < 500, `${r.status}: ${r.text}`);
      if (r.status === 201) created++;
    }
    assert.equal((await stored()).length, before + created);
    assert.equal((await c.request('GET', '/healthz')).text, 'ok');
  });
});
