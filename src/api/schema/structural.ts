/**
 * Structural checking of a decoded body against a kind's schema, as Kubernetes' decoder does it:
 * type mismatches fail like Go's JSON decoder ("json: cannot unmarshal string into Go struct field
 * DeploymentSpec.spec.replicas of type int32"), fields the schema does not declare are collected as
 * unknown ("spec.template.spec.containers[0].imagee"), and JSON nulls are dropped as Go drops them.
 */
import { decodeBase64 } from '../meta/base64.js';
import { isQuantity, QUANTITY_ERROR } from '../meta/quantity.js';
import type { ObjectSchema, Schema } from './schema.js';

export interface StructuralResult {
  /** Paths of fields that the schema does not declare. */
  unknown: string[];
  /** The first decode error, worded as Kubernetes' decoder words it. */
  error?: string;
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

/** Go's name for a schema type, as it appears in decode errors. */
export function goTypeName(s: Schema): string {
  switch (s.type) {
    case 'string': return 'string';
    case 'integer': return s.format;
    case 'number': return 'float64';
    case 'boolean': return 'bool';
    case 'int-or-string': return 'intstr.IntOrString';
    case 'quantity': return 'resource.Quantity';
    case 'any': return 'interface {}';
    case 'array': return `[]${goTypeName(s.items)}`;
    case 'map': return `map[string]${goTypeName(s.values)}`;
    case 'object': return shortName(s);
  }
}

function shortName(s: ObjectSchema): string {
  const parts = s.name.split('.');
  const last = parts[parts.length - 1];
  const pkg = parts[parts.length - 2] ?? '';
  return `${pkg}.${last}`;
}

function structName(s: ObjectSchema): string {
  const parts = s.name.split('.');
  return parts[parts.length - 1];
}

class Walker {
  unknown: string[] = [];
  error?: string;

  /**
   * path: with list indices (for unknown fields); goPath: the full dotted path without indices and
   * owner: the innermost struct's name (both for Go's message).
   */
  walk(schema: Schema, value: unknown, path: string, goPath: string, owner: string): void {
    if (this.error) return;
    const mismatch = (): void => {
      const what = jsonKind(value) === 'number' && schema.type === 'integer' ? `number ${String(value)}` : jsonKind(value);
      this.error = `json: cannot unmarshal ${what} into Go struct field ${owner}.${goPath} of type ${goTypeName(schema)}`;
    };
    switch (schema.type) {
      case 'any': return;
      case 'string':
        if (typeof value !== 'string') mismatch();
        else if (schema.format === 'byte') {
          const decoded = decodeBase64(value);
          if ('error' in decoded) this.error = decoded.error;
        }
        return;
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) mismatch();
        else if (schema.format === 'int32' && (value > 2147483647 || value < -2147483648)) mismatch();
        return;
      case 'number':
        if (typeof value !== 'number') mismatch();
        return;
      case 'boolean':
        if (typeof value !== 'boolean') mismatch();
        return;
      case 'int-or-string':
        if (typeof value !== 'string' && !(typeof value === 'number' && Number.isInteger(value))) mismatch();
        return;
      case 'quantity':
        if (typeof value !== 'string' && typeof value !== 'number') mismatch();
        else if (!isQuantity(value)) this.error = QUANTITY_ERROR;
        return;
      case 'array':
        if (!Array.isArray(value)) { mismatch(); return; }
        value.forEach((item, i) => {
          if (item === null) return;
          this.walk(schema.items, item, `${path}[${i}]`, goPath, owner);
        });
        return;
      case 'map':
        if (!isPlainObject(value)) { mismatch(); return; }
        for (const [k, v] of Object.entries(value)) {
          if (v === null) { if (schema.values.type !== 'any') delete value[k]; continue; }
          this.walk(schema.values, v, path, goPath, owner);
        }
        return;
      case 'object':
        if (!isPlainObject(value)) { mismatch(); return; }
        this.walkObject(schema, value, path, goPath);
    }
  }

  walkObject(schema: ObjectSchema, value: Record<string, unknown>, path: string, goPath: string): void {
    const fields = schema.fields;
    for (const [k, v] of Object.entries(value)) {
      const f = fields[k];
      const p = path ? `${path}.${k}` : k;
      if (!f) {
        if (!schema.preserveUnknown) {
          this.unknown.push(p);
          delete value[k];
        }
        continue;
      }
      if (v === null) { delete value[k]; continue; }
      this.walk(f.schema, v, p, goPath ? `${goPath}.${k}` : k, structName(schema));
      if (this.error) return;
    }
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks `value` (mutated: nulls and unknown fields removed) against the top-level schema of a kind. */
export function checkStructure(schema: ObjectSchema, value: Record<string, unknown>): StructuralResult {
  const w = new Walker();
  w.walkObject(schema, value, '', '');
  return { unknown: w.unknown, error: w.error };
}
