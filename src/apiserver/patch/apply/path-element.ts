/**
 * One step of a field path: a field name ("f:replicas"), the key of an item of a map-list
 * (`k:{"name":"nginx"}`), the value of an item of a set-list (`v:"a"`), or an index into an atomic
 * list ("i:0"). The serialized forms are FieldsV1's keys; `pathString` is how conflicts print paths
 * (`.spec.template.spec.containers[name="nginx"].image`).
 */
import { compareStrings, compareValues, goJson, valueString } from './values.js';

export type PathElement =
  | { readonly kind: 'field'; readonly name: string }
  /** Key fields sorted by name. */
  | { readonly kind: 'key'; readonly fields: ReadonlyArray<readonly [string, unknown]> }
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'index'; readonly index: number };

export type Path = readonly PathElement[];

export function fieldPE(name: string): PathElement {
  return { kind: 'field', name };
}

export function keyPE(fields: Array<readonly [string, unknown]>): PathElement {
  return { kind: 'key', fields: [...fields].sort((a, b) => compareStrings(a[0], b[0])) };
}

const ORDER = { field: 0, key: 1, value: 2, index: 3 } as const;

/** The order structured-merge-diff keeps path elements in (and so FieldsV1 lists them in). */
export function comparePE(a: PathElement, b: PathElement): number {
  if (a.kind !== b.kind) return ORDER[a.kind] < ORDER[b.kind] ? -1 : 1;
  switch (a.kind) {
    case 'field': return compareStrings(a.name, (b as typeof a).name);
    case 'key': {
      const bf = (b as typeof a).fields;
      for (let i = 0; ; i++) {
        if (i >= a.fields.length && i >= bf.length) return 0;
        if (i >= a.fields.length) return -1;
        if (i >= bf.length) return 1;
        const c = compareStrings(a.fields[i][0], bf[i][0]) || compareValues(a.fields[i][1], bf[i][1]);
        if (c !== 0) return c;
      }
    }
    case 'value': return compareValues(a.value, (b as typeof a).value);
    case 'index': {
      const bi = (b as typeof a).index;
      return a.index === bi ? 0 : a.index < bi ? -1 : 1;
    }
  }
}

/** The FieldsV1 form of a path element. */
export function serializePE(pe: PathElement): string {
  switch (pe.kind) {
    case 'field': return `f:${pe.name}`;
    case 'key': return `k:{${pe.fields.map(([k, v]) => `${goJson(k)}:${goJson(v)}`).join(',')}}`;
    case 'value': return `v:${goJson(pe.value)}`;
    case 'index': return `i:${pe.index}`;
  }
}

export class UnknownPathElementError extends Error {}

/** Parses a FieldsV1 key; unknown prefixes raise UnknownPathElementError (they are skipped). */
export function parsePE(s: string): PathElement {
  if (s.length < 2 || s[1] !== ':') throw new Error(`Cannot parse path element "${s}": missing colon`);
  const body = s.slice(2);
  switch (s[0]) {
    case 'f': return fieldPE(body);
    case 'v': return { kind: 'value', value: JSON.parse(body) as unknown };
    case 'i': {
      const n = Number(body);
      if (!Number.isInteger(n)) throw new Error(`Cannot parse path element "${s}": bad index`);
      return { kind: 'index', index: n };
    }
    case 'k': {
      const obj = JSON.parse(body) as unknown;
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
        throw new Error(`Cannot parse path element "${s}": key is not an object`);
      }
      return keyPE(Object.entries(obj));
    }
    default: throw new UnknownPathElementError(`Cannot parse path element "${s}": unknown kind`);
  }
}

/** How a path element is printed in messages. */
export function peString(pe: PathElement): string {
  switch (pe.kind) {
    case 'field': return `.${pe.name}`;
    case 'key': return `[${pe.fields.map(([k, v]) => `${k}=${valueString(v)}`).join(',')}]`;
    case 'value': return `[=${valueString(pe.value)}]`;
    case 'index': return `[${pe.index}]`;
  }
}

export function pathString(p: Path): string {
  return p.map(peString).join('');
}
