/** Protobuf bodies through the whole server: create, delete options, and the kind check, answered in JSON. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RestClient } from '../../../client/index.js';
import { startApiFixture, type ApiFixture } from '../../../testing/index.js';
import { envelope, WireWriter } from './wire-writer.js';

const PROTOBUF = 'application/vnd.kubernetes.protobuf';
const CM = '/api/v1/namespaces/default/configmaps';

const meta = (name: string): WireWriter => new WireWriter().string(1, name).string(2, '').string(3, '').int(7, 0).message(8, new WireWriter());

describe('protobuf requests', () => {
  let t: ApiFixture;
  let c: RestClient;
  before(async () => {
    t = await startApiFixture();
    c = t.clientset.rest;
  });
  after(async () => { await t.stop(); });

  const post = (path: string, body: Uint8Array): ReturnType<RestClient['request']> =>
    c.request('POST', path, { rawBody: Buffer.from(body), contentType: PROTOBUF });

  it('creates an object from a protobuf body and answers in JSON', async () => {
    const cm = new WireWriter().message(1, meta('settings')).entry(2, 'mode', (e) => e.string(2, 'fast')).bool(4, false);
    const r = await post(CM, envelope('v1', 'ConfigMap', cm));
    assert.equal(r.status, 201, r.text);
    const created = JSON.parse(r.text) as { kind: string; data: Record<string, string>; immutable?: boolean };
    assert.equal(created.kind, 'ConfigMap');
    assert.deepEqual(created.data, { mode: 'fast' });
    assert.equal(created.immutable, false);
    const got = JSON.parse((await c.request('GET', `${CM}/settings`)).text) as { data: Record<string, string> };
    assert.deepEqual(got.data, { mode: 'fast' });
  });

  it('reads DeleteOptions sent in protobuf', async () => {
    await post(CM, envelope('v1', 'ConfigMap', new WireWriter().message(1, meta('doomed'))));
    const dryRun = new WireWriter().string(5, 'All');
    const r1 = await c.request('DELETE', `${CM}/doomed`, { rawBody: Buffer.from(envelope('v1', 'DeleteOptions', dryRun)), contentType: PROTOBUF });
    assert.equal(r1.status, 200, r1.text);
    assert.equal((await c.request('GET', `${CM}/doomed`)).status, 200);
    const wrongUid = new WireWriter().message(2, new WireWriter().string(1, 'not-the-uid'));
    const r2 = await c.request('DELETE', `${CM}/doomed`, { rawBody: Buffer.from(envelope('v1', 'DeleteOptions', wrongUid)), contentType: PROTOBUF });
    assert.equal(r2.status, 409, r2.text);
    const r3 = await c.request('DELETE', `${CM}/doomed`, { rawBody: Buffer.from(envelope('v1', 'DeleteOptions', new WireWriter())), contentType: PROTOBUF });
    assert.equal(r3.status, 200, r3.text);
    assert.equal((await c.request('GET', `${CM}/doomed`)).status, 404);
  });

  it('refuses a body of another kind as a JSON body of that kind is refused', async () => {
    const secret = new WireWriter().message(1, meta('mixup')).entry(2, 'k', (e) => e.bytes(2, [1]));
    const r = await post(CM, envelope('v1', 'Secret', secret));
    assert.equal(r.status, 400, r.text);
    assert.match(r.text, /the kind in the body \(Secret\) does not match the kind of the resource \(ConfigMap\)/);
    assert.equal((await c.request('GET', `${CM}/mixup`)).status, 404);
  });

  it('keeps other media types unsupported', async () => {
    const r = await c.request('POST', CM, { rawBody: 'x', contentType: 'application/cbor' });
    assert.equal(r.status, 415, r.text);
  });
});
