/**
 * Validation of a custom resource's values against its CRD's openAPIV3Schema, worded as Kubernetes
 * words it (kube-openapi's messages turned into field errors by the apiextensions server):
 *   spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"
 *   spec.cronSpec: Required value
 *   spec.size: Unsupported value: "XL": supported values: "S", "M", "L"
 *   spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1
 * plus the x-kubernetes-list-type set/map uniqueness checks. CEL rules are not evaluated.
 */
import { isDeepStrictEqual } from 'node:util';
import { fe, type FieldError } from '../../api/index.js';
import { additionalOf, itemsOf, type Props } from './props.js';

/** The JSON type go-openapi names for a value. */
export function jsonTypeOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

function typeMatches(want: string, got: string): boolean {
  return want === got || (want === 'number' && got === 'integer');
}

const FORMATS: Record<string, RegExp> = {
  'date-time': /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  uuid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  ipv4: /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/,
  byte: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
};

const patterns = new Map<string, RegExp | null>();
function compiled(pattern: string): RegExp | null {
  if (!patterns.has(pattern)) {
    let re: RegExp | null = null;
    try { re = new RegExp(pattern, 'u'); } catch { try { re = new RegExp(pattern); } catch { re = null; } }
    patterns.set(pattern, re);
  }
  return patterns.get(pattern) ?? null;
}

const enumText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
const childPath = (path: string, k: string): string => (path ? `${path}.${k}` : k);

class Validator {
  readonly errors: FieldError[] = [];

  value(p: Props, v: unknown, path: string): void {
    const name = path || '.';
    if (v === null || v === undefined) {
      if (p.nullable || !p.type) return;
      this.errors.push(fe.typeInvalid(path, 'null', `${name} in body must be of type ${p.type}: "null"`));
      return;
    }
    const got = jsonTypeOf(v);
    if (p['x-kubernetes-int-or-string']) {
      if (got !== 'integer' && got !== 'string') {
        this.errors.push(fe.typeInvalid(path, got, `${name} in body must be of type integer,string: "${got}"`));
        return;
      }
    } else if (p.type && !typeMatches(p.type, got)) {
      this.errors.push(fe.typeInvalid(path, got, `${name} in body must be of type ${p.type}: "${got}"`));
      return;
    }
    if (p.enum && p.enum.length && !p.enum.some((e) => isDeepStrictEqual(e, v))) {
      this.errors.push(fe.notSupported(path, v, p.enum.map(enumText)));
    }
    if (typeof v === 'string') this.string(p, v, path, name);
    else if (typeof v === 'number') this.number(p, v, path, name);
    else if (Array.isArray(v)) this.array(p, v, path, name);
    else if (typeof v === 'object') this.object(p, v as Record<string, unknown>, path, name);
    this.combinators(p, v, path, name);
  }

  private string(p: Props, v: string, path: string, name: string): void {
    const length = [...v].length;
    if (p.maxLength !== undefined && length > p.maxLength) this.errors.push(fe.tooLong(path, p.maxLength));
    if (p.minLength !== undefined && length < p.minLength) {
      this.errors.push(fe.invalid(path, v, `${name} in body should be at least ${p.minLength} chars long`));
    }
    if (p.pattern !== undefined) {
      const re = compiled(p.pattern);
      if (re && !re.test(v)) this.errors.push(fe.invalid(path, v, `${name} in body should match '${p.pattern}'`));
    }
    const format = p.format ? FORMATS[p.format] : undefined;
    if (format && !format.test(v)) this.errors.push(fe.typeInvalid(path, v, `${name} in body must be of type ${p.format}: ${JSON.stringify(v)}`));
  }

  private number(p: Props, v: number, path: string, name: string): void {
    if (p.maximum !== undefined && (p.exclusiveMaximum ? v >= p.maximum : v > p.maximum)) {
      this.errors.push(fe.invalid(path, v, `${name} in body should be less than ${p.exclusiveMaximum ? '' : 'or equal to '}${p.maximum}`));
    }
    if (p.minimum !== undefined && (p.exclusiveMinimum ? v <= p.minimum : v < p.minimum)) {
      this.errors.push(fe.invalid(path, v, `${name} in body should be greater than ${p.exclusiveMinimum ? '' : 'or equal to '}${p.minimum}`));
    }
    if (p.multipleOf !== undefined && p.multipleOf !== 0 && !Number.isInteger(v / p.multipleOf)) {
      this.errors.push(fe.invalid(path, v, `${name} in body should be a multiple of ${p.multipleOf}`));
    }
  }

  private array(p: Props, v: unknown[], path: string, name: string): void {
    if (p.maxItems !== undefined && v.length > p.maxItems) this.errors.push(fe.tooMany(path, v.length, p.maxItems));
    if (p.minItems !== undefined && v.length < p.minItems) {
      this.errors.push(fe.invalid(path, v.length, `${name} in body should have at least ${p.minItems} items`));
    }
    const items = itemsOf(p);
    if (items) v.forEach((item, i) => this.value(items, item, `${path}[${i}]`));
    this.listType(p, v, path);
  }

  private listType(p: Props, v: unknown[], path: string): void {
    const type = p['x-kubernetes-list-type'];
    if (type !== 'set' && type !== 'map') return;
    const keys = p['x-kubernetes-list-map-keys'] ?? [];
    const identity = (item: unknown): unknown => (type === 'set' || typeof item !== 'object' || item === null
      ? item : keys.map((k) => (item as Record<string, unknown>)[k]));
    const seen: unknown[] = [];
    v.forEach((item, i) => {
      const id = identity(item);
      if (seen.some((s) => isDeepStrictEqual(s, id))) this.errors.push(fe.duplicate(`${path}[${i}]`, item));
      else seen.push(id);
    });
  }

  private object(p: Props, v: Record<string, unknown>, path: string, name: string): void {
    const count = Object.keys(v).length;
    if (p.maxProperties !== undefined && count > p.maxProperties) this.errors.push(fe.tooMany(path, count, p.maxProperties));
    if (p.minProperties !== undefined && count < p.minProperties) {
      this.errors.push(fe.invalid(path, count, `${name} in body should have at least ${p.minProperties} properties`));
    }
    for (const r of p.required ?? []) if (!(r in v) || v[r] === undefined) this.errors.push(fe.required(childPath(path, r)));
    const props = p.properties ?? {};
    const extra = additionalOf(p);
    for (const [k, child] of Object.entries(v)) {
      if (!path && (k === 'apiVersion' || k === 'kind' || k === 'metadata')) continue;
      const s = props[k] ?? extra;
      if (s) this.value(s, child, childPath(path, k));
    }
  }

  private combinators(p: Props, v: unknown, path: string, name: string): void {
    const errorsOf = (s: Props): FieldError[] => {
      const sub = new Validator();
      sub.value(s, v, path);
      return sub.errors;
    };
    for (const s of p.allOf ?? []) this.errors.push(...errorsOf(s));
    if (p.anyOf?.length && !p.anyOf.some((s) => errorsOf(s).length === 0)) {
      this.errors.push(fe.invalid(path, v, `${name} in body must validate at least one schema (anyOf)`));
    }
    if (p.oneOf?.length && p.oneOf.filter((s) => errorsOf(s).length === 0).length !== 1) {
      this.errors.push(fe.invalid(path, v, `${name} in body must validate one and only one schema (oneOf)`));
    }
    if (p.not && errorsOf(p.not).length === 0) this.errors.push(fe.invalid(path, v, `${name} in body must not validate the schema (not)`));
  }
}

/** The errors of a whole custom resource against its version's schema (apiVersion, kind, metadata skipped). */
export function validateCustomResource(schema: Props, obj: unknown): FieldError[] {
  const v = new Validator();
  v.value(schema, obj, '');
  return v.errors;
}
