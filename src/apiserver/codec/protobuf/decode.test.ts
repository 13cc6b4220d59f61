import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  builtinResources, field, int64, kindFields, listOf, object, StatusError, string, time, type ResourceDef,
} from '../../../api/index.js';
import { decodeProtobuf } from './decode.js';
import { KUBECTL_1_32_BODIES, KUBECTL_1_32_TOKEN_REQUEST } from './kubectl-bodies.js';
import { deleteOptionsTarget, resourceTarget } from './targets.js';
import { envelope, WireWriter } from './wire-writer.js';

/** The served resource a request path addresses. */
function defFor(path: string): ResourceDef {
  const m = /^\/(?:api|apis\/([^/]+))\/([^/]+)\/(?:namespaces\/[^/]+\/)?([a-z]+)/.exec(path);
  assert.ok(m, path);
  const def = builtinResources.find((d) => d.group === (m[1] ?? '') && d.version === m[2] && d.plural === m[3]);
  assert.ok(def, path);
  return def;
}

const ConfigMap = defFor('/api/v1/namespaces/default/configmaps');

function badRequest(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof StatusError, String(err));
    assert.equal(err.code, 400);
    assert.equal(err.reason, 'BadRequest');
    return err.message;
  }
  assert.fail('expected a 400');
}

describe('protobuf request bodies', () => {
  for (const fixture of KUBECTL_1_32_BODIES) {
    it(`decodes what kubectl sends for: ${fixture.command}`, () => {
      const obj = decodeProtobuf(Buffer.from(fixture.body, 'base64'), resourceTarget(defFor(fixture.path)));
      assert.deepEqual(obj, fixture.json);
    });
  }

  it('decodes a TokenRequest with the schema the subresource supplies', () => {
    const spec = object('io.k8s.api.authentication.v1.TokenRequestSpec', '', () => ({
      audiences: field(listOf(string), '', { proto: 1 }),
      expirationSeconds: field(int64, '', { proto: 4 }),
    }));
    const status = object('io.k8s.api.authentication.v1.TokenRequestStatus', '', () => ({
      token: field(string, '', { proto: 1 }),
      expirationTimestamp: field(time, '', { proto: 2 }),
    }));
    const TokenRequest = object('io.k8s.api.authentication.v1.TokenRequest', '', () => ({
      ...kindFields(), spec: field(spec, '', { proto: 2 }), status: field(status, '', { proto: 3 }),
    }), { gvk: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' } });
    const body = Buffer.from(KUBECTL_1_32_TOKEN_REQUEST.body, 'base64');
    const sa = defFor(KUBECTL_1_32_TOKEN_REQUEST.path);
    assert.deepEqual(decodeProtobuf(body, resourceTarget(sa, [TokenRequest])), {
      apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest',
      metadata: { creationTimestamp: null }, spec: {}, status: { token: '', expirationTimestamp: null },
    });
    assert.equal(badRequest(() => decodeProtobuf(body, resourceTarget(sa))),
      'TokenRequest in version "v1" cannot be handled as a ServiceAccount: no kind "TokenRequest" is registered for version "authentication.k8s.io/v1" '
      + 'in scheme "pkg/api/legacyscheme/scheme.go:30"');
  });

  it('decodes DeleteOptions, keeping a zero grace period', () => {
    const opts = new WireWriter().int(1, 0).message(2, new WireWriter().string(1, 'u-1')).string(4, 'Foreground').string(5, 'All');
    assert.deepEqual(decodeProtobuf(envelope('v1', 'DeleteOptions', opts), deleteOptionsTarget), {
      apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0, preconditions: { uid: 'u-1' }, propagationPolicy: 'Foreground', dryRun: ['All'],
    });
  });

  it('answers a body without the k8s envelope as Kubernetes does', () => {
    const json = Buffer.from('{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"x"}}');
    assert.equal(badRequest(() => decodeProtobuf(json, resourceTarget(ConfigMap))),
      'the object provided is unrecognized (must be of type ConfigMap): provided data does not appear to be a protobuf message, '
      + 'expected prefix [107 56 115 0] ({"kind":"ConfigMap","apiVersio ...)');
    assert.match(badRequest(() => decodeProtobuf(Buffer.alloc(0), resourceTarget(ConfigMap))), /\(<empty>\)$/);
    assert.match(badRequest(() => decodeProtobuf(Uint8Array.of(1, 2, 3), resourceTarget(ConfigMap))), /\(010203\)$/);
  });

  it('requires the kind and apiVersion in the envelope', () => {
    const noKind = envelope('v1', '', new WireWriter());
    assert.match(badRequest(() => decodeProtobuf(noKind, resourceTarget(ConfigMap))),
      /^the object provided is unrecognized \(must be of type ConfigMap\): Object 'Kind' is missing in 'runtime.TypeMeta\{APIVersion:"v1", Kind:""\}'/);
    const noVersion = envelope('', 'ConfigMap', new WireWriter());
    assert.match(badRequest(() => decodeProtobuf(noVersion, resourceTarget(ConfigMap))), /Object 'apiVersion' is missing/);
  });

  it('names the kind and the wire problem when the object is malformed', () => {
    const truncated = envelope('v1', 'ConfigMap', new WireWriter().raw(0x0a, 0x05, 0x0a, 0x01));
    assert.equal(badRequest(() => decodeProtobuf(truncated, resourceTarget(ConfigMap))),
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: unexpected EOF');
    const wrongWire = envelope('v1', 'ConfigMap', new WireWriter().int(2, 1));
    assert.equal(badRequest(() => decodeProtobuf(wrongWire, resourceTarget(ConfigMap))),
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: proto: wrong wireType = 0 for field Data');
    const tagZero = envelope('apps/v1', 'Deployment', new WireWriter().raw(0x00));
    assert.equal(badRequest(() => decodeProtobuf(tagZero, resourceTarget(defFor('/apis/apps/v1/namespaces/x/deployments')))),
      'Deployment in version "v1" cannot be handled as a Deployment: proto: Deployment: illegal tag 0 (wire type 0)');
  });

  it('decodes another served kind by the envelope, leaving the kind check to the handler', () => {
    const secret = envelope('v1', 'Secret', new WireWriter().message(1, new WireWriter().string(1, 's')).entry(2, 'k', (e) => e.bytes(2, [104, 105])));
    assert.deepEqual(decodeProtobuf(secret, resourceTarget(ConfigMap)), { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: 'aGk=' } });
  });
});
