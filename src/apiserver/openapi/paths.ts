/**
 * Renders PathSpecs as the `paths` of a document in either dialect: OpenAPI 3 puts bodies under
 * requestBody and media types under content; Swagger 2 has body parameters, consumes and produces.
 */
import type { Dialect } from './dialect.js';
import type { JsonObject } from './json.js';
import type { OperationSpec, PathSpec } from './operations.js';
import { pathParam, queryParam } from './parameters.js';

const PATCH_TYPES = [
  'application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json',
];
const PRODUCES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
const STREAMING = ['application/json;stream=watch', 'application/vnd.kubernetes.protobuf;stream=watch'];
const PATCH_SCHEMA = 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch';
const DELETE_OPTIONS_SCHEMA = 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions';

function mediaTypes(op: OperationSpec): string[] {
  return op.streaming ? [...PRODUCES, ...STREAMING].sort() : [...PRODUCES].sort();
}

function extensions(op: OperationSpec): JsonObject {
  const out: JsonObject = {};
  if (op.action) out['x-kubernetes-action'] = op.action;
  if (op.gvk) out['x-kubernetes-group-version-kind'] = { group: op.gvk.group, kind: op.gvk.kind, version: op.gvk.version };
  return out;
}

function operationV3(d: Dialect, op: OperationSpec, tag: string): JsonObject {
  const ref = (name: string): JsonObject => ({ $ref: `${d.refPrefix}${name}` });
  const out: JsonObject = { tags: [tag], description: op.description, operationId: op.operationId };
  if (op.query.length) out.parameters = op.query.map((q) => queryParam(3, q));
  if (op.body?.kind === 'object') out.requestBody = { content: { '*/*': { schema: ref(op.body.schema) } }, required: true };
  if (op.body?.kind === 'patch') {
    out.requestBody = { content: Object.fromEntries(PATCH_TYPES.map((t) => [t, { schema: ref(PATCH_SCHEMA) }])), required: true };
  }
  if (op.body?.kind === 'delete') out.requestBody = { content: { '*/*': { schema: ref(DELETE_OPTIONS_SCHEMA) } } };
  const responses: JsonObject = {};
  for (const r of op.responses) {
    responses[r.code] = { description: r.description, content: Object.fromEntries(mediaTypes(op).map((t) => [t, { schema: ref(r.schema) }])) };
  }
  responses['401'] = { description: 'Unauthorized' };
  out.responses = responses;
  return { ...out, ...extensions(op) };
}

function operationV2(d: Dialect, op: OperationSpec, tag: string): JsonObject {
  const ref = (name: string): JsonObject => ({ $ref: `${d.refPrefix}${name}` });
  const parameters: JsonObject[] = [];
  if (op.body?.kind === 'object') parameters.push({ name: 'body', in: 'body', required: true, schema: ref(op.body.schema) });
  if (op.body?.kind === 'patch') parameters.push({ name: 'body', in: 'body', required: true, schema: ref(PATCH_SCHEMA) });
  if (op.body?.kind === 'delete') parameters.push({ name: 'body', in: 'body', schema: ref(DELETE_OPTIONS_SCHEMA) });
  parameters.push(...op.query.map((q) => queryParam(2, q)));
  const out: JsonObject = {
    description: op.description,
    consumes: op.body?.kind === 'patch' ? PATCH_TYPES : ['*/*'],
    produces: mediaTypes(op),
    schemes: ['https'],
    tags: [tag],
    operationId: op.operationId,
  };
  if (parameters.length) out.parameters = parameters;
  const responses: JsonObject = {};
  for (const r of op.responses) responses[r.code] = { description: r.description, schema: ref(r.schema) };
  responses['401'] = { description: 'Unauthorized' };
  out.responses = responses;
  return { ...out, ...extensions(op) };
}

/** The `paths` object for the given path specs (later specs never overwrite an existing path). */
export function renderPaths(d: Dialect, specs: readonly PathSpec[], tagOf: (path: PathSpec) => string): JsonObject {
  const out: JsonObject = {};
  for (const spec of specs) {
    if (spec.path in out) continue;
    const item: JsonObject = {};
    const tag = tagOf(spec);
    for (const op of spec.operations) item[op.method] = d.openapi === 3 ? operationV3(d, op, tag) : operationV2(d, op, tag);
    const params = [...spec.params.map((p) => pathParam(d.openapi, p)), ...spec.query.map((q) => queryParam(d.openapi, q))];
    if (params.length) item.parameters = params;
    out[spec.path] = item;
  }
  return out;
}
