/**
 * Typed reads of a decoded review body. A value of the wrong JSON type is a 400 in the form
 * Kubernetes uses when a body cannot be decoded into the kind ("X in version "v1" cannot be handled
 * as a X: …"); absent fields read as undefined.
 */
import { badRequest, type StatusError } from '../../api/index.js';

export type Json = Record<string, unknown>;

export class FieldReader {
  constructor(private readonly kind: string) {}

  private wrong(path: string, want: string): StatusError {
    return badRequest(`${this.kind} in version "v1" cannot be handled as a ${this.kind}: ${path} must be ${want}`);
  }

  object(v: Json | undefined, key: string, path: string): Json | undefined {
    const x = v?.[key];
    if (x === undefined || x === null) return undefined;
    if (typeof x !== 'object' || Array.isArray(x)) throw this.wrong(path, 'an object');
    return x as Json;
  }

  string(v: Json | undefined, key: string, path: string): string {
    const x = v?.[key];
    if (x === undefined || x === null) return '';
    if (typeof x !== 'string') throw this.wrong(path, 'a string');
    return x;
  }

  strings(v: Json | undefined, key: string, path: string): string[] {
    const x = v?.[key];
    if (x === undefined || x === null) return [];
    if (!Array.isArray(x) || !x.every((s) => typeof s === 'string')) throw this.wrong(path, 'a list of strings');
    return x as string[];
  }

  integer(v: Json | undefined, key: string, path: string): number | undefined {
    const x = v?.[key];
    if (x === undefined || x === null) return undefined;
    if (typeof x !== 'number' || !Number.isInteger(x)) throw this.wrong(path, 'an integer');
    return x;
  }

  stringListMap(v: Json | undefined, key: string, path: string): Record<string, string[]> | undefined {
    const m = this.object(v, key, path);
    if (!m) return undefined;
    const out: Record<string, string[]> = {};
    for (const k of Object.keys(m)) out[k] = this.strings(m, k, `${path}.${k}`);
    return out;
  }
}
