/** core/v1 Secret: sensitive key/value data (base64 in JSON), with type-specific required keys. */
import { age } from '../../../meta/age.js';
import * as fe from '../../../meta/field-errors.js';
import type { FieldError } from '../../../meta/field-errors.js';
import { isConfigMapKey } from '../../../meta/names.js';
import type { KObject } from '../../../meta/object-meta.js';
import { kindFields } from '../../../meta/type-fields.js';
import { boolean, bytes, field, mapOf, object, string, stringMap } from '../../../schema/build.js';
import type { ResourceDef } from '../../../resource.js';
import { decodeBase64, encodeBase64Text } from '../../../meta/base64.js';

export { decodeBase64, encodeBase64, encodeBase64Text } from '../../../meta/base64.js';

export const SecretSchema = object('io.k8s.api.core.v1.Secret', 'Sensitive data such as passwords, tokens and keys, by key.', () => ({
  ...kindFields(),
  immutable: field(boolean, 'When true, data cannot change after creation.', { proto: 5 }),
  data: field(mapOf(bytes), 'Values (base64 in JSON) by key; keys are letters, digits, "-", "_" or ".".', { proto: 2 }),
  stringData: field(stringMap, 'Write-only plain-text values, merged into data on write (they win over data).', { proto: 4 }),
  type: field(string, 'Kind of secret, e.g. Opaque (the default), kubernetes.io/tls or kubernetes.io/dockerconfigjson.', { proto: 3 }),
}), { gvk: { group: '', version: 'v1', kind: 'Secret' } });

export interface SecretLike extends KObject {
  immutable?: boolean;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  type?: string;
}

const MAX_SECRET_SIZE = 1024 * 1024;
const REDACTED = '<secret contents redacted>';

function byteLength(b64: string): number {
  const d = decodeBase64(b64);
  return 'bytes' in d ? d.bytes.length : Math.floor((b64.length * 3) / 4);
}

function decodeText(b64: string | undefined): string {
  if (b64 === undefined) return '';
  const d = decodeBase64(b64);
  return 'bytes' in d ? new TextDecoder().decode(d.bytes) : '';
}

/** Go's json.Unmarshal error for text that should hold a JSON object, or undefined when it does. */
function jsonObjectError(text: string): string | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const token = /Unexpected token '(.)'/.exec(msg);
    if (token) return `invalid character '${token[1]}' looking for beginning of value`;
    const m = /position (\d+)/.exec(msg);
    const pos = m ? Number(m[1]) : text.length;
    if (pos >= text.trimEnd().length) return 'unexpected end of JSON input';
    if (msg.includes('after JSON')) return `invalid character '${text[pos]}' after top-level value`;
    return `invalid character '${text[pos]}' looking for beginning of value`;
  }
  if (v === null || (typeof v === 'object' && !Array.isArray(v))) return undefined;
  const kind = Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v;
  return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
}

export function validateSecret(s: SecretLike): FieldError[] {
  const errs: FieldError[] = [];
  const data = s.data ?? {};
  let size = 0;
  for (const [k, v] of Object.entries(data)) {
    for (const m of isConfigMapKey(k)) errs.push(fe.invalid(fe.index('data', k), k, m));
    size += byteLength(v);
  }
  if (size > MAX_SECRET_SIZE) errs.push(fe.tooLong('data', MAX_SECRET_SIZE));
  const key = (k: string): string => fe.index('data', k);
  switch (s.type) {
    case 'kubernetes.io/service-account-token':
      if (!s.metadata.annotations?.['kubernetes.io/service-account.name']) {
        errs.push(fe.required(fe.index('metadata.annotations', 'kubernetes.io/service-account.name'), ''));
      }
      break;
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const k = s.type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      if (!(k in data)) { errs.push(fe.required(key(k), '')); break; }
      const bad = jsonObjectError(decodeText(data[k]));
      if (bad) errs.push(fe.invalid(key(k), REDACTED, bad));
      break;
    }
    case 'kubernetes.io/basic-auth':
      if (!('username' in data) && !('password' in data)) errs.push(fe.required(key('username'), ''), fe.required(key('password'), ''));
      break;
    case 'kubernetes.io/ssh-auth':
      if (!data['ssh-privatekey']) errs.push(fe.required(key('ssh-privatekey'), ''));
      break;
    case 'kubernetes.io/tls':
      if (!('tls.crt' in data)) errs.push(fe.required(key('tls.crt'), ''));
      if (!('tls.key' in data)) errs.push(fe.required(key('tls.key'), ''));
      break;
    default:
  }
  return errs;
}

export function validateSecretUpdate(s: SecretLike, old: SecretLike): FieldError[] {
  const errs: FieldError[] = [];
  if ((s.type ?? '') !== (old.type ?? '')) errs.push(fe.invalid('type', s.type ?? '', 'field is immutable'));
  if (old.immutable) {
    if (!s.immutable) errs.push(fe.forbidden('immutable', 'field is immutable when `immutable` is set'));
    if (JSON.stringify(sorted(s.data)) !== JSON.stringify(sorted(old.data))) errs.push(fe.forbidden('data', 'field is immutable when `immutable` is set'));
  }
  return errs;
}

function sorted(m: Record<string, string> | undefined): Array<[string, string]> {
  return Object.entries(m ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Sets the type and folds the write-only stringData into data (base64 of its UTF-8 bytes). */
export function defaultSecret(s: SecretLike): void {
  s.type ||= 'Opaque';
  if (s.stringData) {
    s.data ??= {};
    for (const [k, v] of Object.entries(s.stringData)) s.data[k] = encodeBase64Text(v);
    delete s.stringData;
  }
}

export const secrets: ResourceDef = {
  group: '', version: 'v1', kind: 'Secret', plural: 'secrets', singular: 'secret',
  namespaced: true,
  schema: SecretSchema,
  generation: false,
  defaults: (obj) => defaultSecret(obj as SecretLike),
  validate: (obj) => validateSecret(obj as SecretLike),
  validateUpdate: (obj, old) => validateSecretUpdate(obj as SecretLike, old as SecretLike),
  table: {
    columns: [
      { name: 'Type', type: 'string', description: 'Kind of secret.', priority: 0 },
      { name: 'Data', type: 'string', description: 'Number of keys in data.', priority: 0 },
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
    ],
    cells: (obj, now) => {
      const s = obj as SecretLike;
      return [s.type ?? '', Object.keys(s.data ?? {}).length, age(obj.metadata.creationTimestamp, now)];
    },
  },
  selectableFields: { type: (o) => (o as SecretLike).type ?? '' },
};
