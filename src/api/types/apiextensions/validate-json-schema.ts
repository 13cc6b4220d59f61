/**
 * The checks Kubernetes makes of a CRD version's openAPIV3Schema that need no CEL: valid types, a
 * structural schema (every specified field typed, arrays with items, an object at the root, no
 * additionalProperties at the root or beside properties) and the x-kubernetes list/map extensions.
 * Errors are sorted by their text, as Kubernetes sorts structural errors.
 */
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import type { JSONSchemaPropsLike } from './json-schema-props.js';

type Level = 'root' | 'item' | 'field';

const TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];
const EMPTY_TYPE: Record<Level, string> = {
  root: 'must not be empty at the root',
  item: 'must not be empty for specified array items',
  field: 'must not be empty for specified object fields',
};

const isSchema = (v: unknown): v is JSONSchemaPropsLike => typeof v === 'object' && v !== null && !Array.isArray(v);

function validateExtensions(s: JSONSchemaPropsLike, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = s.type ?? '';
  if (s['x-kubernetes-preserve-unknown-fields'] === false) {
    errs.push(fe.invalid(fe.child(path, 'x-kubernetes-preserve-unknown-fields'), false, 'must be true or undefined'));
  }
  const mapType = s['x-kubernetes-map-type'];
  if (mapType !== undefined) {
    if (type !== 'object') {
      errs.push(type ? fe.invalid(fe.child(path, 'type'), type, 'must be object if x-kubernetes-map-type is specified')
        : fe.required(fe.child(path, 'type'), 'must be object if x-kubernetes-map-type is specified'));
    }
    if (mapType !== 'atomic' && mapType !== 'granular') errs.push(fe.notSupported(fe.child(path, 'x-kubernetes-map-type'), mapType, ['atomic', 'granular']));
  }
  const listType = s['x-kubernetes-list-type'];
  if (listType !== undefined) {
    if (type !== 'array') {
      errs.push(type ? fe.invalid(fe.child(path, 'type'), type, 'must be array if x-kubernetes-list-type is specified')
        : fe.required(fe.child(path, 'type'), 'must be array if x-kubernetes-list-type is specified'));
    }
    if (!['atomic', 'set', 'map'].includes(listType)) errs.push(fe.notSupported(fe.child(path, 'x-kubernetes-list-type'), listType, ['atomic', 'set', 'map']));
  }
  const keys = s['x-kubernetes-list-map-keys'] ?? [];
  if (keys.length > 0 && listType !== 'map') {
    errs.push(listType === undefined ? fe.required(fe.child(path, 'x-kubernetes-list-type'), 'must be map if x-kubernetes-list-map-keys is non-empty')
      : fe.invalid(fe.child(path, 'x-kubernetes-list-type'), listType, 'must be map if x-kubernetes-list-map-keys is non-empty'));
  }
  if (listType === 'map') {
    if (keys.length === 0) errs.push(fe.required(fe.child(path, 'x-kubernetes-list-map-keys'), 'must not be empty if x-kubernetes-list-type is map'));
    const items = s.items;
    if (items === undefined) errs.push(fe.required(fe.child(path, 'items'), 'must have a schema if x-kubernetes-list-type is map'));
    else if (isSchema(items)) {
      if (items.type !== 'object') errs.push(fe.invalid(fe.child(fe.child(path, 'items'), 'type'), items.type ?? '', 'must be object if parent array\'s x-kubernetes-list-type is map'));
      else if (keys.some((k) => !(k in (items.properties ?? {})))) {
        errs.push(fe.invalid(fe.child(path, 'x-kubernetes-list-map-keys'), keys, 'entries must all be names of item properties'));
      }
      if (new Set(keys).size !== keys.length) errs.push(fe.invalid(fe.child(path, 'x-kubernetes-list-map-keys'), keys, 'must not contain duplicate entries'));
    }
  }
  return errs;
}

function walk(s: JSONSchemaPropsLike, level: Level, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = s.type ?? '';
  if (type && !TYPES.includes(type)) errs.push(fe.notSupported(fe.child(path, 'type'), type, TYPES));
  if (s.uniqueItems === true) errs.push(fe.forbidden(fe.child(path, 'uniqueItems'), 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic'));
  if (s.properties && Object.keys(s.properties).length > 0 && s.additionalProperties !== undefined && s.additionalProperties !== false) {
    errs.push(fe.forbidden(fe.child(path, 'additionalProperties'), 'additionalProperties and properties are mutual exclusive'));
  }
  if (type === 'array' && s.items === undefined) errs.push(fe.required(fe.child(path, 'items'), 'must be specified'));
  if (isSchema(s.items)) errs.push(...walk(s.items, 'item', fe.child(path, 'items')));
  for (const [k, v] of Object.entries(s.properties ?? {})) if (isSchema(v)) errs.push(...walk(v, 'field', fe.index(fe.child(path, 'properties'), k)));
  if (s.additionalProperties !== undefined && s.additionalProperties !== false) {
    if (level === 'root') errs.push(fe.forbidden(fe.child(path, 'additionalProperties'), 'must not be used at the root'));
    if (isSchema(s.additionalProperties)) errs.push(...walk(s.additionalProperties, 'field', fe.child(path, 'additionalProperties')));
  }
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  if (embedded && type !== 'object') {
    errs.push(type ? fe.invalid(fe.child(path, 'type'), type, 'must be object if x-kubernetes-embedded-resource is true')
      : fe.required(fe.child(path, 'type'), 'must be object if x-kubernetes-embedded-resource is true'));
  } else if (!type && !s['x-kubernetes-int-or-string'] && !s['x-kubernetes-preserve-unknown-fields']) {
    errs.push(fe.required(fe.child(path, 'type'), EMPTY_TYPE[level]));
  }
  if (level === 'root' && type && type !== 'object') errs.push(fe.invalid(fe.child(path, 'type'), type, 'must be object at the root'));
  if (level !== 'root' && !embedded && s.properties?.metadata) {
    errs.push(fe.forbidden(fe.index(fe.child(path, 'properties'), 'metadata'), 'must not be specified in a nested context'));
  }
  errs.push(...validateExtensions(s, path));
  return errs;
}

const text = (e: FieldError): string => `${e.field}: ${e.message}`;

/** The errors of one version's openAPIV3Schema, at `path` (…schema.openAPIV3Schema), sorted. */
export function validateOpenAPISchema(schema: JSONSchemaPropsLike, path: string): FieldError[] {
  return walk(schema, 'root', path).sort((a, b) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
}
