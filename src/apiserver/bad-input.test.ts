/**
 * Bad input gets a clear Status, stores nothing, and the server keeps serving: malformed bodies,
 * wrong kinds, oversize bodies, invalid names and selectors, unknown fields, old watch revisions —
 * and a fuzz run of random bodies against every decoder.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RestClient } from '../client/index.js';
import type { RunningApiServer } from './api-server.js';
import { startApiFixture, type ApiFixture } from '../testing/index.js';

let t: ApiFixture;
let srv: RunningApiServer;
let c: RestClient;

before(async () => {
  t = await startApiFixture();
  srv = t.server;
  c = t.clientset.rest;
});
after(async () => { await t.stop(); });

const CM = '/api/v1/namespaces/default/configmaps';

async function status(method: string, path: string, raw: string | Buffer, contentType = 'application/json'): Promise<{ code: number; reason: string; message: string }> {
  const r = await c.request(method, path, { rawBody: raw, contentType });
  const body = JSON.parse(r.text) as { kind: string; code: number; reason: string; message: string };
  assert.equal(body.kind, 'Status', r.text);
  assert.equal(body.code, r.status);
  return { code: r.status, reason: body.reason, message: body.message };
}

async function count(): Promise<number> {
  const r = await c.request('GET', CM);
  return (JSON.parse(r.text) as { items: unknown[] }).items.length;
}

describe('bad input', () => {
  it('malformed JSON and YAML are 400s', async () => {
    assert.equal((await status('POST', CM, '{"kind":')).code, 400);
    assert.match((await status('POST', CM, '{"kind":')).message, /unexpected end of JSON input/);
    assert.equal((await status('POST', CM, 'a: [b', 'application/yaml')).code, 400);
    assert.equal((await status('POST', CM, '[1,2]')).code, 400);
  });

  it('wrong kind or apiVersion is a 400', async () => {
    const wrongKind = await status('POST', CM, JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } }));
    assert.equal(wrongKind.code, 400);
    const wrongVersion = await status('POST', CM, JSON.stringify({ apiVersion: 'v2', kind: 'ConfigMap', metadata: { name: 'x' } }));
    assert.equal(wrongVersion.code, 400);
  });

  it('a body over 3 MiB is a 413', async () => {
    const big = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { a: 'x'.repeat(3 * 1024 * 1024 + 10) } });
    const s = await status('POST', CM, big);
    assert.equal(s.code, 413);
    assert.equal(s.reason, 'RequestEntityTooLarge');
  });

  it('invalid names are 422 Invalid with the field', async () => {
    const r = await c.request('POST', CM, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' } } });
    assert.equal(r.status, 422);
    const s = JSON.parse(r.text) as { message: string; details: { causes: Array<{ field: string; reason: string }> } };
    assert.match(s.message, /^ConfigMap "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
    assert.equal(s.details.causes[0].field, 'metadata.name');
    assert.equal(s.details.causes[0].reason, 'FieldValueInvalid');
  });

  it('invalid selectors are 400s', async () => {
    const r = await c.request('GET', `${CM}?labelSelector=${encodeURIComponent('app in (a')}`);
    assert.equal(r.status, 400);
    assert.match(r.text, /unable to parse requirement/);
  });

  it('unknown fields fail under Strict, warn under Warn, pass under Ignore', async () => {
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'u1' }, dataa: {} });
    const strict = await status('POST', `${CM}?fieldValidation=Strict`, body);
    assert.equal(strict.code, 400);
    assert.match(strict.message, /strict decoding error: unknown field "dataa"/);
    const warn = await c.request('POST', `${CM}?fieldValidation=Warn`, { rawBody: body, contentType: 'application/json' });
    assert.equal(warn.status, 201);
    assert.match(String(warn.headers.warning), /unknown field \\"dataa\\"/);
    assert.equal((JSON.parse(warn.text) as Record<string, unknown>).dataa, undefined);
  });

  it('a watch from a compacted revision gets 410 Expired', async () => {
    for (let i = 0; i < 5; i++) await c.request('POST', CM, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `w${i}` } } });
    const rv = Number((JSON.parse((await c.request('GET', CM)).text) as { metadata: { resourceVersion: string } }).metadata.resourceVersion);
    await srv.backend.compact(rv);
    const r = await c.request('GET', `${CM}?watch=true&resourceVersion=1&timeoutSeconds=1`);
    const first = JSON.parse(r.text.split('\n')[0]) as { type: string; object: { code: number; reason: string; message: string } };
    assert.equal(first.type, 'ERROR');
    assert.equal(first.object.code, 410);
    assert.match(first.object.message, /too old resource version: 1/);
  });

  it('survives random bodies thrown at every decoder, storing nothing it rejected', async () => {
    let seed = 12345;
    const rand = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    const pieces = ['{', '}', '[', ']', '"', ':', ',', 'null', 'true', '1e999', '-0', '"metadata"', '"name"', '"kind"',
      '"ConfigMap"', '"apiVersion"', '"v1"', '"data"', '\\u0000', '{"a":', '"$patch"', '"delete"', ' ', '\n', 'a: b', '- x'];
    const types = ['application/json', 'application/yaml', 'application/merge-patch+json', 'application/json-patch+json', 'application/strategic-merge-patch+json',
      'application/apply-patch+yaml'];
    await c.request('POST', CM, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'target' }, data: { a: '1' } } });
    const before = await count();
    let created = 0;
    for (let i = 0; i < 300; i++) {
      let body = '';
      const n = 1 + rand(12);
      for (let j = 0; j < n; j++) body += pieces[rand(pieces.length)];
      const type = types[rand(types.length)];
      const patch = type.includes('patch');
      const url = patch || rand(2) ? `${CM}/target${type.includes('apply') ? '?fieldManager=fuzz' : ''}` : CM;
      const r = await c.request(patch ? 'PATCH' : rand(2) ? 'POST' : 'PUT', url, { rawBody: body, contentType: type });
      assert.ok(r.status < 500, `${r.status} for ${type} ${JSON.stringify(body)}: ${r.text}`);
      if (r.status === 201) created++;
    }
    assert.equal(await count(), before + created);
    // Whatever random patches were accepted, the stored object is still a whole, valid ConfigMap.
    const target = JSON.parse((await c.request('GET', `${CM}/target`)).text) as { kind: string; apiVersion: string; metadata: { name: string; uid: string }; data?: Record<string, unknown> };
    assert.deepEqual([target.kind, target.apiVersion, target.metadata.name], ['ConfigMap', 'v1', 'target']);
    assert.ok(target.metadata.uid);
    assert.ok(Object.values(target.data ?? {}).every((v) => typeof v === 'string'), JSON.stringify(target.data));
    const health = await c.request('GET', '/healthz');
    assert.equal(health.text, 'ok');
  });
});
