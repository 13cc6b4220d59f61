import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configMapPayload, secretPayload } from './key-payload.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const text = (p: Map<string, { data: Buffer }>) => Object.fromEntries([...p].map(([k, v]) => [k, v.data.toString()]));

describe('configMap and secret payloads', () => {
  it('every key under its name with the default mode, binaryData decoded', () => {
    const p = configMapPayload({ data: { a: '1' }, binaryData: { bin: b64('\u0001\u0002') } }, { defaultMode: 0o640, optional: false });
    assert.deepEqual(text(p), { a: '1', bin: '\u0001\u0002' });
    assert.equal(p.get('a')!.mode, 0o640);
  });

  it('items pick keys, paths and modes', () => {
    const p = configMapPayload({ data: { a: '1', b: '2' } }, {
      items: [{ key: 'a', path: 'conf/a.txt', mode: 0o400 }, { key: 'b', path: 'b' }], defaultMode: 0o644, optional: false, defaultUser: 1000,
    });
    assert.deepEqual(text(p), { 'conf/a.txt': '1', b: '2' });
    assert.equal(p.get('conf/a.txt')!.mode, 0o400);
    assert.equal(p.get('b')!.mode, 0o644);
    assert.equal(p.get('b')!.uid, 1000);
  });

  it('a missing key fails unless optional, with the kubelet wording', () => {
    const items = [{ key: 'nope', path: 'x' }];
    assert.throws(() => configMapPayload({ data: {} }, { items, defaultMode: 0o644, optional: false }),
      { message: 'configmap references non-existent config key: nope' });
    assert.throws(() => secretPayload({ data: {} }, { items, defaultMode: 0o644, optional: false }),
      { message: 'references non-existent secret key: nope' });
    assert.equal(configMapPayload(undefined, { items, defaultMode: 0o644, optional: true }).size, 0);
  });

  it('secret values are base64-decoded', () => {
    const p = secretPayload({ data: { password: b64('s3cr3t') } }, { defaultMode: 0o400, optional: false });
    assert.deepEqual(text(p), { password: 's3cr3t' });
    assert.equal(p.get('password')!.mode, 0o400);
  });
});
