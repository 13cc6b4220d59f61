/**
 * metadata.managedFields in and out: each entry becomes a manager identity (name, operation, and for
 * updates the API version, plus the subresource), its field set and its time; and back, sorted as
 * Kubernetes sorts them (Apply before Update, then by time, manager, apiVersion, subresource).
 */
import type { ManagedFieldsEntry } from '../../../api/index.js';
import { FieldSet } from './field-set.js';
import { compareStrings, goJson, isObject } from './values.js';

export type Operation = 'Apply' | 'Update';

export interface VersionedSet {
  set: FieldSet;
  apiVersion: string;
  applied: boolean;
}

/** Field sets by manager identity, and when each manager last changed something. */
export interface Managed {
  fields: Map<string, VersionedSet>;
  times: Map<string, string | undefined>;
}

export interface ManagerInfo {
  manager: string;
  operation: Operation;
  apiVersion?: string;
  subresource?: string;
}

export function emptyManaged(): Managed {
  return { fields: new Map(), times: new Map() };
}

export function copyManaged(m: Managed): Managed {
  return { fields: new Map(m.fields), times: new Map(m.times) };
}

/**
 * The identity of a manager, as the JSON Kubernetes builds it: appliers are one identity whatever
 * API version they use; updaters are one per version.
 */
export function managerId(info: ManagerInfo): string {
  const o: Record<string, string> = {};
  if (info.manager) o.manager = info.manager;
  o.operation = info.operation;
  if (info.operation === 'Update' && info.apiVersion) o.apiVersion = info.apiVersion;
  if (info.subresource) o.subresource = info.subresource;
  return `{${Object.entries(o).map(([k, v]) => `"${k}":${goJson(v)}`).join(',')}}`;
}

export function parseManagerId(id: string): ManagerInfo {
  const o = JSON.parse(id) as Partial<ManagerInfo>;
  return { manager: o.manager ?? '', operation: o.operation ?? 'Update', apiVersion: o.apiVersion, subresource: o.subresource };
}

/** Decodes managedFields; throws an Error saying what is wrong with them. */
export function decodeManagedFields(entries: unknown): Managed {
  const m = emptyManaged();
  if (entries === undefined || entries === null) return m;
  if (!Array.isArray(entries)) throw new Error('managedFields must be a list');
  entries.forEach((raw, i) => {
    if (!isObject(raw)) throw new Error(`managed fields entry ${i} is not an object`);
    const e = raw as ManagedFieldsEntry;
    if (e.operation !== 'Apply' && e.operation !== 'Update') throw new Error('operation must be `Apply` or `Update`');
    if (!e.apiVersion) throw new Error('apiVersion must not be empty');
    if (!e.fieldsType) throw new Error(`missing fieldsType in managed fields entry ${i}`);
    if (e.fieldsType !== 'FieldsV1') throw new Error(`invalid fieldsType ${JSON.stringify(e.fieldsType)} in managed fields entry ${i}`);
    const id = managerId({ manager: e.manager ?? '', operation: e.operation, apiVersion: e.apiVersion, subresource: e.subresource });
    const set = e.fieldsV1 === undefined || e.fieldsV1 === null ? new FieldSet() : FieldSet.fromFieldsV1(e.fieldsV1);
    m.fields.set(id, { set, apiVersion: e.apiVersion, applied: e.operation === 'Apply' });
    m.times.set(id, e.time);
  });
  return m;
}

function seconds(t: string | undefined): number {
  if (!t) return 0;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

function entryOrder(p: ManagedFieldsEntry, q: ManagedFieldsEntry): number {
  if (p.operation !== q.operation) return compareStrings(p.operation ?? '', q.operation ?? '');
  const ps = seconds(p.time);
  const qs = seconds(q.time);
  if (ps !== qs) return ps < qs ? -1 : 1;
  return compareStrings(p.manager ?? '', q.manager ?? '')
    || compareStrings(p.apiVersion ?? '', q.apiVersion ?? '')
    || compareStrings(p.subresource ?? '', q.subresource ?? '');
}

/** The managedFields list, or undefined when no manager is left. */
export function encodeManagedFields(m: Managed): ManagedFieldsEntry[] | undefined {
  if (m.fields.size === 0) return undefined;
  const out: ManagedFieldsEntry[] = [];
  for (const [id, vs] of m.fields) {
    const info = parseManagerId(id);
    const e: ManagedFieldsEntry = {};
    if (info.manager) e.manager = info.manager;
    e.operation = vs.applied ? 'Apply' : info.operation;
    e.apiVersion = vs.apiVersion;
    const t = m.times.get(id);
    if (t) e.time = t;
    e.fieldsType = 'FieldsV1';
    e.fieldsV1 = vs.set.toFieldsV1();
    if (info.subresource) e.subresource = info.subresource;
    out.push(e);
  }
  return out.sort(entryOrder);
}

/** True for `[]` and `[{}]`: a client asking to drop all managedFields. */
export function isResetRequest(entries: unknown): boolean {
  if (!Array.isArray(entries)) return false;
  if (entries.length === 0) return true;
  return entries.length === 1 && isObject(entries[0]) && Object.keys(entries[0]).length === 0;
}

/** metav1.Time now: RFC 3339 at second precision. */
export function nowTime(d = new Date()): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}
