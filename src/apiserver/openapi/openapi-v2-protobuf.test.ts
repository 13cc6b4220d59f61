import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinResources } from '../../api/index.js';
import { encodeOpenApiV2, negotiateOpenApiV2, openApiV2Protobuf } from './index.js';
import { ProtoWriter } from './protobuf-writer.js';
import { widgets } from './testing.js';

/** Length-delimited fields of one message, by field number (enough to walk the document). */
function fields(bytes: Uint8Array): Map<number, Uint8Array[]> {
  const out = new Map<number, Uint8Array[]>();
  let at = 0;
  const varint = (): number => {
    let n = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[at++];
      n += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) return n;
    }
  };
  while (at < bytes.length) {
    const tag = varint();
    const wire = tag & 7;
    if (wire === 0) { varint(); continue; }
    assert.equal(wire, 2, 'only varints and length-delimited fields are written');
    const len = varint();
    const list = out.get(Math.floor(tag / 8)) ?? [];
    list.push(bytes.subarray(at, at + len));
    out.set(Math.floor(tag / 8), list);
    at += len;
  }
  return out;
}
const text = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);

describe('ProtoWriter', () => {
  it('writes tags, multi-byte lengths and omits proto3 defaults', () => {
    const long = 'x'.repeat(200);
    const bytes = new ProtoWriter().string(1, 'ab').string(2, '').bool(3, false).bool(4, true).string(5, long).finish();
    assert.deepEqual([...bytes.subarray(0, 6)], [0x0a, 2, 0x61, 0x62, 0x20, 1]);
    assert.deepEqual([...bytes.subarray(6, 9)], [0x2a, 0xc8, 0x01]);
    assert.equal(bytes.length, 9 + 200);
  });
});

describe('encodeOpenApiV2', () => {
  it('encodes the document fields gnostic defines', () => {
    const bytes = encodeOpenApiV2({ swagger: '2.0', info: { title: 'T', version: 'v' } });
    const doc = fields(bytes);
    assert.equal(text(doc.get(1)?.[0]), '2.0');
    assert.equal(text(fields(doc.get(2)?.[0] ?? new Uint8Array()).get(1)?.[0]), 'T');
  });

  it('carries definitions with their x-kubernetes-group-version-kind as YAML (JSON) text', () => {
    const doc = fields(openApiV2Protobuf([...builtinResources, widgets]).body);
    const definitions = fields(doc.get(9)?.[0] ?? new Uint8Array()).get(1) ?? [];
    const named = new Map(definitions.map((d) => {
      const f = fields(d);
      return [text(f.get(1)?.[0]), fields(f.get(2)?.[0] ?? new Uint8Array())] as const;
    }));
    const widget = named.get('com.example.v1.Widget');
    assert.ok(widget);
    assert.equal(text(widget.get(4)?.[0]), 'A test kind using every construct.');
    const ext = fields(widget.get(31)?.[0] ?? new Uint8Array());
    assert.equal(text(ext.get(1)?.[0]), 'x-kubernetes-group-version-kind');
    assert.deepEqual(JSON.parse(text(fields(ext.get(2)?.[0] ?? new Uint8Array()).get(2)?.[0])), [{ group: 'example.com', kind: 'Widget', version: 'v1' }]);
    const paths = fields(doc.get(8)?.[0] ?? new Uint8Array()).get(2) ?? [];
    assert.ok(paths.some((p) => text(fields(p).get(1)?.[0]) === '/apis/example.com/v1/namespaces/{namespace}/widgets/{name}'));
  });
});

describe('negotiateOpenApiV2', () => {
  it('prefers what the client names first or with the highest q', () => {
    assert.equal(negotiateOpenApiV2('application/com.github.proto-openapi.spec.v2@v1.0+protobuf'), 'protobuf');
    assert.equal(negotiateOpenApiV2('application/com.github.proto-openapi.spec.v2.v1.0+protobuf, application/json'), 'protobuf');
    assert.equal(negotiateOpenApiV2('application/json, application/com.github.proto-openapi.spec.v2@v1.0+protobuf'), 'json');
    assert.equal(negotiateOpenApiV2('application/com.github.proto-openapi.spec.v2@v1.0+protobuf;q=0.5, application/json'), 'json');
    assert.equal(negotiateOpenApiV2(undefined), 'json');
  });
});
