/**
 * Declarative defaults: fills every absent field whose schema declares a `default` (the +default
 * markers of k8s.io/api, e.g. ContainerPort.protocol "TCP" or GRPCAction.service ""), in every
 * object of the value that the schema reaches.
 */
import type { ObjectSchema, Schema } from '../../../schema/schema.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function walk(schema: Schema, value: unknown): void {
  switch (schema.type) {
    case 'array':
      if (Array.isArray(value)) for (const item of value) walk(schema.items, item);
      return;
    case 'map':
      if (isObject(value)) for (const v of Object.values(value)) walk(schema.values, v);
      return;
    case 'object':
      if (isObject(value)) applySchemaDefaults(schema, value);
      return;
    default:
  }
}

export function applySchemaDefaults(schema: ObjectSchema, obj: Record<string, unknown>): void {
  for (const [name, f] of Object.entries(schema.fields)) {
    if (obj[name] === undefined && f.default !== undefined) {
      obj[name] = structuredClone(f.default);
      continue;
    }
    if (obj[name] !== undefined) walk(f.schema, obj[name]);
  }
}
