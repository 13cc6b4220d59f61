import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEnvelope, decodeMessage, type MessageDesc } from './decode.js';
import { bytes, CAN_I_LIST, CAN_I_POD_LOG, CREATE_TOKEN, CREATE_TOKEN_BOUND, WHOAMI } from './fixtures.js';
import { REQUEST_MESSAGES } from './messages.js';
import { ProtobufError } from './wire.js';

function decode(hex: string): { apiVersion: string; kind: string; obj: Record<string, unknown> } {
  const env = decodeEnvelope(bytes(hex));
  return { apiVersion: env.apiVersion, kind: env.kind, obj: decodeMessage(REQUEST_MESSAGES[env.kind], env.raw) };
}

describe('protobuf request bodies', () => {
  it('decodes what kubectl sends for whoami, can-i and create token', () => {
    const who = decode(WHOAMI);
    assert.equal(who.apiVersion, 'authentication.k8s.io/v1');
    assert.equal(who.kind, 'SelfSubjectReview');
    assert.deepEqual(who.obj, { metadata: {} });

    const log = decode(CAN_I_POD_LOG);
    assert.equal(log.kind, 'SelfSubjectAccessReview');
    assert.deepEqual((log.obj.spec as Record<string, unknown>).resourceAttributes, {
      namespace: 'prod', verb: 'get', resource: 'pods', subresource: 'log', name: 'web',
    });

    assert.deepEqual(decode(CAN_I_LIST).obj.spec, { namespace: 'kube-system' });

    const token = decode(CREATE_TOKEN);
    assert.equal(token.kind, 'TokenRequest');
    assert.deepEqual(token.obj.spec, { audiences: ['aud1', 'aud2'], expirationSeconds: 7200 });
    assert.deepEqual((decode(CREATE_TOKEN_BOUND).obj.spec as Record<string, unknown>).boundObjectRef, {
      kind: 'Pod', apiVersion: 'v1', name: 'web', uid: '1234',
    });
  });

  it('decodes maps, map values of string lists, booleans, negative and 64-bit numbers, and skips unknown fields', () => {
    const desc: MessageDesc = {
      1: { name: 'extra', type: { 1: { name: 'items', type: 'string', repeated: true } }, map: true, unwrapItems: true },
      2: { name: 'flag', type: 'bool' },
      3: { name: 'n', type: 'int64' },
      4: { name: 'labels', type: 'string', map: true },
    };
    const entry = (k: string, v: number[]) => [0x0a, k.length + v.length + 4, 0x0a, k.length, ...Buffer.from(k), 0x12, v.length, ...v];
    const buf = Buffer.from([
      ...entry('k', [0x0a, 1, 0x61, 0x0a, 1, 0x62]),
      0x10, 0x01,
      0x18, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
      0x22, 8, 0x0a, 1, 0x61, 0x12, 3, 0x76, 0x61, 0x6c,
      0x3d, 1, 2, 3, 4, // field 7, fixed32: unknown
      0x41, 1, 2, 3, 4, 5, 6, 7, 8, // field 8, fixed64: unknown
    ]);
    assert.deepEqual(decodeMessage(desc, buf), { extra: { k: ['a', 'b'] }, flag: true, n: -1, labels: { a: 'val' } });
  });

  it('refuses bodies without the k8s prefix and truncated or malformed messages', () => {
    assert.throws(() => decodeEnvelope(Buffer.from('{"kind":"x"}')), ProtobufError);
    const whole = bytes(CREATE_TOKEN);
    assert.throws(() => {
      const env = decodeEnvelope(whole.subarray(0, whole.length - 10));
      decodeMessage(REQUEST_MESSAGES.TokenRequest, env.raw);
    }, ProtobufError);
    assert.throws(() => decodeMessage(REQUEST_MESSAGES.TokenRequest, Buffer.from([0x0b])), /unsupported wire type 3/);
    assert.throws(() => decodeMessage(REQUEST_MESSAGES.TokenRequest, Buffer.from([0x08, 0x01])), /expected a length-delimited value/);
  });
});
