/**
 * The request side of server-side apply: decoding an `application/apply-patch+yaml` body (YAML or
 * JSON) with Kubernetes' wording for bad bodies and duplicate keys, and turning an applied Scale
 * into the part of its workload it configures.
 */
import { parseDocument } from 'yaml';
import { badRequest, StatusError, type ResourceDef, type ScaleDef } from '../../../api/index.js';
import { isObject } from './values.js';

export type FieldValidationMode = 'Strict' | 'Warn' | 'Ignore';

function goKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:\s,{}[\]]+)/;

/** "line 5: key "replicas" already set in map" for every duplicated key. */
function duplicateKeys(text: string): string[] {
  const doc = parseDocument(text, { uniqueKeys: true });
  const out: string[] = [];
  for (const e of doc.errors) {
    if (e.code !== 'DUPLICATE_KEY') continue;
    const m = KEY.exec(text.slice(e.pos[0]));
    let key = m ? m[1] : '';
    if (key.startsWith('"')) key = JSON.parse(key) as string;
    else if (key.startsWith("'")) key = key.slice(1, -1).replace(/''/g, "'");
    out.push(`line ${e.linePos?.[0].line ?? 0}: key ${JSON.stringify(key)} already set in map`);
  }
  return out;
}

/**
 * The applied configuration. Strict field validation rejects duplicated keys (400); Warn reports
 * them as warnings.
 */
export function decodeApplyBody(body: Buffer, mode: FieldValidationMode, warnings: string[]): Record<string, unknown> {
  const text = body.toString('utf8');
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length) {
    throw badRequest(`error decoding YAML: error converting YAML to JSON: yaml: ${doc.errors[0].message.split('\n')[0]}`);
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (value === null || value === undefined) return {};
  if (!isObject(value)) {
    throw badRequest(`error decoding YAML: json: cannot unmarshal ${goKind(value)} into Go value of type map[string]interface {}`);
  }
  if (mode !== 'Ignore') {
    const dups = duplicateKeys(text);
    if (dups.length) {
      const msg = `error converting YAML to JSON: yaml: unmarshal errors:\n${dups.map((d) => `  ${d}`).join('\n')}`;
      if (mode === 'Strict') throw badRequest(`error strict decoding YAML: ${msg}`);
      warnings.push(msg);
    }
  }
  return value;
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = obj;
  for (const p of parts.slice(0, -1)) {
    if (!isObject(cur[p])) cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]] = value;
}

/**
 * An applied autoscaling/v1 Scale as a configuration of the workload: only the replicas it sets.
 */
export function scaleConfigToParent(def: ResourceDef, scale: Record<string, unknown>, s: ScaleDef, name: string): Record<string, unknown> {
  if (scale.apiVersion !== 'autoscaling/v1' || scale.kind !== 'Scale') {
    const av = typeof scale.apiVersion === 'string' ? scale.apiVersion : '';
    throw badRequest(`invalid object type: ${av.includes('/') ? av : `/${av}`}, Kind=${typeof scale.kind === 'string' ? scale.kind : ''}`);
  }
  const meta = isObject(scale.metadata) ? scale.metadata : {};
  const config: Record<string, unknown> = {
    apiVersion: def.group ? `${def.group}/${def.version}` : def.version,
    kind: def.kind,
    metadata: { name: typeof meta.name === 'string' ? meta.name : name },
  };
  if (typeof meta.resourceVersion === 'string') (config.metadata as Record<string, unknown>).resourceVersion = meta.resourceVersion;
  const spec = isObject(scale.spec) ? scale.spec : undefined;
  if (spec && 'replicas' in spec) setPath(config, s.specReplicasPath, spec.replicas);
  return config;
}

export function isStatus(err: unknown, code: number, reason?: string): boolean {
  return err instanceof StatusError && err.code === code && (reason === undefined || err.reason === reason);
}
