/** Small checks that pod validation uses in many places, worded as Kubernetes words them. */
import * as fe from '../../../meta/field-errors.js';
import type { FieldError } from '../../../meta/field-errors.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortName, isValidPortNum } from '../../../meta/names.js';

export type Obj = Record<string, unknown>;

export const NEGATIVE_MSG = 'must be greater than or equal to 0';
export const NOT_POSITIVE_MSG = 'must be greater than zero';
export const FILE_MODE_MSG = 'must be a number between 0 and 0777 (octal), both inclusive';

/** The object types a value may be: Obj for unknown values, the declared object types otherwise. */
export type ObjOf<T> = unknown extends T ? Obj : Extract<NonNullable<T>, object>;

export function isObj<T>(v: T): v is T & ObjOf<T> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A list field as an array (absent or malformed: empty). Entries may still be anything. */
export function list<T>(v: T[] | undefined | null): T[] {
  return Array.isArray(v) ? v : [];
}

/** An entry of a list as an object (a JSON null or scalar entry reads as empty). */
export function entry<T extends object>(v: T | null | undefined): T {
  return (isObj(v) ? v : {}) as T;
}

export function inclusiveRange(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

export function nonNegative(value: number | undefined | null, path: string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [fe.invalid(path, value, NEGATIVE_MSG)] : [];
}

export function dnsLabel(value: string, path: string): FieldError[] {
  return isDNS1123Label(value).map((m) => fe.invalid(path, value, m));
}

export function dnsSubdomain(value: string, path: string): FieldError[] {
  return isDNS1123Subdomain(value).map((m) => fe.invalid(path, value, m));
}

export function qualifiedName(value: string, path: string): FieldError[] {
  return isQualifiedName(value).map((m) => fe.invalid(path, value, m));
}

/** IsValidUserID / IsValidGroupID. */
export function validID(value: number | undefined, path: string): FieldError[] {
  if (typeof value !== 'number') return [];
  return value >= 0 && value <= 2147483647 ? [] : [fe.invalid(path, value, inclusiveRange(0, 2147483647))];
}

/** ValidatePortNumOrName for probe and handler ports. */
export function portNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => fe.invalid(path, port, m));
  if (typeof port === 'string') return isValidPortName(port).map((m) => fe.invalid(path, port, m));
  return isValidPortNum(0).map((m) => fe.invalid(path, 0, m));
}

export function isHTTPHeaderName(name: string): string[] {
  if (/^[-A-Za-z0-9]+$/.test(name)) return [];
  return ["a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')"];
}

/** validatePathNoBacksteps. */
export function noBacksteps(target: string, path: string): FieldError[] {
  return target.split('/').includes('..') ? [fe.invalid(path, target, "must not contain '..'")] : [];
}

/** validateLocalDescendingPath: relative, without ".." elements. */
export function localDescendingPath(target: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (target.startsWith('/')) errs.push(fe.invalid(path, target, 'must be a relative path'));
  errs.push(...noBacksteps(target, path));
  return errs;
}

/** ValidateLocalNonReservedPath: as above, and may not start with "..". */
export function localNonReservedPath(target: string, path: string): FieldError[] {
  const errs = localDescendingPath(target, path);
  if (target.startsWith('..') && !target.startsWith('../')) errs.push(fe.invalid(path, target, "must not start with '..'"));
  return errs;
}

/** A file mode between 0 and 0777. */
export function fileMode(mode: unknown, path: string): FieldError[] {
  return typeof mode === 'number' && (mode > 0o777 || mode < 0) ? [fe.invalid(path, mode, FILE_MODE_MSG)] : [];
}

/** Several sources set where one is allowed: the names of those present, in declaration order. */
export function presentKeys(o: Obj, keys: readonly string[]): string[] {
  return keys.filter((k) => o[k] !== undefined && o[k] !== null);
}
