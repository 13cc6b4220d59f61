/**
 * The Swagger 2.0 document as protobuf in gnostic's openapi.v2 schema, which kubectl asks for at
 * /openapi/v2 (Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf) and reads for
 * `kubectl explain` up to 1.28, `--output plaintext-openapiv2`, and client-side apply's fallback.
 * Extension, default and enum values travel as YAML text; JSON text is valid YAML.
 */
import { createHash } from 'node:crypto';
import type { ResourceDef } from '../../api/index.js';
import { openApiV2 } from './document-v2.js';
import type { Json, JsonObject } from './json.js';
import { ProtoWriter } from './protobuf-writer.js';
import { perResourceSet } from './served-document.js';

/** The Content-Type of the protobuf answer (Go's mime parser rejects the "@" form clients send). */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
const PROTOBUF_TYPES = new Set([OPENAPI_V2_PROTOBUF, 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf']);
const JSON_TYPES = new Set(['application/json', 'application/*', '*/*']);

export interface ServedBytes {
  readonly body: Uint8Array;
  readonly hash: string;
  readonly etag: string;
}

/**
 * Which form of /openapi/v2 an Accept header prefers: the highest q wins, then the earliest range.
 * JSON when nothing acceptable is named.
 */
export function negotiateOpenApiV2(accept: string | undefined): 'protobuf' | 'json' {
  let best: { form: 'protobuf' | 'json'; q: number } | undefined;
  for (const range of (accept ?? '').split(',')) {
    const [type, ...params] = range.split(';').map((x) => x.trim());
    const form = PROTOBUF_TYPES.has(type) ? 'protobuf' : JSON_TYPES.has(type.toLowerCase()) ? 'json' : undefined;
    if (!form) continue;
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (q > 0 && (!best || q > best.q)) best = { form, q };
  }
  return best?.form ?? 'json';
}

const obj = (v: Json | undefined): JsonObject => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
const str = (v: Json | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const strs = (v: Json | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Any { yaml = 2 }. */
const any = (value: Json): ProtoWriter => new ProtoWriter().string(2, JSON.stringify(value));

/** repeated NamedAny for the x-* keys of o. */
function extensions(o: JsonObject): ProtoWriter[] {
  return Object.entries(o).filter(([k]) => k.startsWith('x-')).map(([k, v]) => new ProtoWriter().string(1, k).message(2, any(v)));
}

function schema(s: JsonObject): ProtoWriter {
  const w = new ProtoWriter()
    .string(1, str(s.$ref)).string(2, str(s.format)).string(3, str(s.title)).string(4, str(s.description));
  if (s.default !== undefined) w.message(5, any(s.default));
  w.bool(16, s.uniqueItems === true).strings(19, strs(s.required));
  if (Array.isArray(s.enum)) w.messages(20, s.enum.map(any));
  if (s.additionalProperties !== undefined) {
    const ap = s.additionalProperties;
    w.message(21, typeof ap === 'boolean' ? new ProtoWriter().bool(2, ap) : new ProtoWriter().message(1, schema(obj(ap))));
  }
  if (s.type !== undefined) w.message(22, new ProtoWriter().strings(1, Array.isArray(s.type) ? strs(s.type) : strs([s.type])));
  if (s.items !== undefined) w.message(23, new ProtoWriter().messages(1, (Array.isArray(s.items) ? s.items : [s.items]).map((i) => schema(obj(i)))));
  if (Array.isArray(s.allOf)) w.messages(24, s.allOf.map((x) => schema(obj(x))));
  if (s.properties !== undefined) {
    const named = Object.entries(obj(s.properties)).map(([k, v]) => new ProtoWriter().string(1, k).message(2, schema(obj(v))));
    w.message(25, new ProtoWriter().messages(1, named));
  }
  w.bool(27, s.readOnly === true);
  return w.messages(31, extensions(s));
}

/** ParametersItem { parameter = 1: Parameter { body_parameter = 1 | non_body_parameter = 2 } }. */
function parameter(p: JsonObject): ProtoWriter {
  let param: ProtoWriter;
  if (p.in === 'body') {
    param = new ProtoWriter().message(1, new ProtoWriter()
      .string(1, str(p.description)).string(2, str(p.name)).string(3, 'body').bool(4, p.required === true)
      .message(5, schema(obj(p.schema))).messages(6, extensions(p)));
  } else if (p.in === 'path') {
    param = new ProtoWriter().message(2, new ProtoWriter().message(4, new ProtoWriter()
      .bool(1, p.required === true).string(2, 'path').string(3, str(p.description)).string(4, str(p.name))
      .string(5, str(p.type)).string(6, str(p.format)).bool(19, p.uniqueItems === true).messages(22, extensions(p))));
  } else {
    param = new ProtoWriter().message(2, new ProtoWriter().message(3, new ProtoWriter()
      .bool(1, p.required === true).string(2, 'query').string(3, str(p.description)).string(4, str(p.name))
      .string(6, str(p.type)).string(7, str(p.format)).bool(20, p.uniqueItems === true).messages(23, extensions(p))));
  }
  return new ProtoWriter().message(1, param);
}

function operation(op: JsonObject): ProtoWriter {
  const codes = Object.entries(obj(op.responses)).map(([code, r]) => {
    const resp = obj(r);
    const response = new ProtoWriter().string(1, str(resp.description));
    if (resp.schema !== undefined) response.message(2, new ProtoWriter().message(1, schema(obj(resp.schema))));
    return new ProtoWriter().string(1, code).message(2, new ProtoWriter().message(1, response));
  });
  return new ProtoWriter()
    .strings(1, strs(op.tags)).string(3, str(op.description)).string(5, str(op.operationId))
    .strings(6, strs(op.produces)).strings(7, strs(op.consumes))
    .messages(8, (Array.isArray(op.parameters) ? op.parameters : []).map((p) => parameter(obj(p))))
    .message(9, new ProtoWriter().messages(1, codes))
    .strings(10, strs(op.schemes)).messages(13, extensions(op));
}

const METHOD_FIELDS: Readonly<Record<string, number>> = { get: 2, put: 3, post: 4, delete: 5, options: 6, head: 7, patch: 8 };

function pathItem(item: JsonObject): ProtoWriter {
  const w = new ProtoWriter();
  for (const [method, field] of Object.entries(METHOD_FIELDS)) if (item[method] !== undefined) w.message(field, operation(obj(item[method])));
  w.messages(9, (Array.isArray(item.parameters) ? item.parameters : []).map((p) => parameter(obj(p))));
  return w.messages(10, extensions(item));
}

/** Encodes a Swagger 2.0 JSON document as gnostic's openapi.v2.Document. */
export function encodeOpenApiV2(doc: JsonObject): Uint8Array {
  const info = obj(doc.info);
  const paths = Object.entries(obj(doc.paths)).map(([p, item]) => new ProtoWriter().string(1, p).message(2, pathItem(obj(item))));
  const definitions = Object.entries(obj(doc.definitions)).map(([n, s]) => new ProtoWriter().string(1, n).message(2, schema(obj(s))));
  const securityDefinitions = Object.entries(obj(doc.securityDefinitions)).map(([n, d]) => {
    const def = obj(d);
    const apiKey = new ProtoWriter().string(1, str(def.type)).string(2, str(def.name)).string(3, str(def.in)).string(4, str(def.description));
    return new ProtoWriter().string(1, n).message(2, new ProtoWriter().message(2, apiKey));
  });
  const security = (Array.isArray(doc.security) ? doc.security : []).map((req) => new ProtoWriter().messages(1,
    Object.entries(obj(req)).map(([n, scopes]) => new ProtoWriter().string(1, n).message(2, new ProtoWriter().strings(1, strs(scopes))))));
  return new ProtoWriter()
    .string(1, str(doc.swagger))
    .message(2, new ProtoWriter().string(1, str(info.title)).string(2, str(info.version)).string(3, str(info.description)))
    .strings(5, strs(doc.schemes)).strings(6, strs(doc.consumes)).strings(7, strs(doc.produces))
    .message(8, new ProtoWriter().messages(2, paths))
    .message(9, new ProtoWriter().messages(1, definitions))
    .messages(12, security)
    .message(13, new ProtoWriter().messages(1, securityDefinitions))
    .messages(16, extensions(doc))
    .finish();
}

const cached = perResourceSet((resources: readonly ResourceDef[]): ServedBytes => {
  const body = encodeOpenApiV2(JSON.parse(openApiV2(resources).json) as JsonObject);
  const hash = createHash('sha512').update(body).digest('hex').toUpperCase();
  return { body, hash, etag: `"${hash}"` };
});

/** The protobuf form of openApiV2(resources), computed once per resource set. */
export function openApiV2Protobuf(resources: readonly ResourceDef[]): ServedBytes {
  return cached(resources);
}
