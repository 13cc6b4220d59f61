/** core/v1 ConfigMap: non-secret configuration as key/value pairs. */
import { age } from '../../meta/age.js';
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { isConfigMapKey } from '../../meta/names.js';
import { kindFields } from '../../meta/type-fields.js';
import type { KObject } from '../../meta/object-meta.js';
import { boolean, bytes, field, mapOf, object, stringMap } from '../../schema/build.js';
import type { ResourceDef } from '../../resource.js';

export const ConfigMapSchema = object('io.k8s.api.core.v1.ConfigMap', 'Configuration data for pods to consume, as key/value pairs.', () => ({
  ...kindFields(),
  data: field(stringMap, 'UTF-8 values by key. Keys must be letters, digits, "-", "_" or ".".', { proto: 2 }),
  binaryData: field(mapOf(bytes), 'Binary values (base64 in JSON) by key; keys may not repeat those of data.', { proto: 3 }),
  immutable: field(boolean, 'When true, data cannot change after creation.', { proto: 4 }),
}), { gvk: { group: '', version: 'v1', kind: 'ConfigMap' } });

interface ConfigMapLike extends KObject {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
  immutable?: boolean;
}

const MAX_SIZE = 1024 * 1024;

function base64Length(v: string): number {
  const pad = v.endsWith('==') ? 2 : v.endsWith('=') ? 1 : 0;
  return Math.floor((v.length * 3) / 4) - pad;
}

function validateData(cm: ConfigMapLike): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(cm.data ?? {})) {
    for (const m of isConfigMapKey(k)) errs.push(fe.invalid(fe.child('data', ''), k, m));
    size += v.length;
  }
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) {
    for (const m of isConfigMapKey(k)) errs.push(fe.invalid('binaryData', k, m));
    if (cm.data && k in cm.data) errs.push(fe.invalid('data', k, 'duplicate of key present in binaryData'));
    size += base64Length(v);
  }
  if (size > MAX_SIZE) errs.push(fe.tooLong('', MAX_SIZE));
  for (const e of errs) if (e.field === 'data.') e.field = 'data';
  return errs;
}

export const configmaps: ResourceDef = {
  group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', singular: 'configmap',
  namespaced: true, shortNames: ['cm'],
  schema: ConfigMapSchema,
  generation: false,
  validate: (obj) => validateData(obj as ConfigMapLike),
  validateUpdate(obj, old) {
    const errs: FieldError[] = [];
    const o = old as ConfigMapLike;
    const n = obj as ConfigMapLike;
    if (o.immutable) {
      if (!n.immutable) errs.push(fe.forbidden('immutable', 'field is immutable when `immutable` is set'));
      if (JSON.stringify(n.data ?? {}) !== JSON.stringify(o.data ?? {})) errs.push(fe.forbidden('data', 'field is immutable when `immutable` is set'));
      if (JSON.stringify(n.binaryData ?? {}) !== JSON.stringify(o.binaryData ?? {})) errs.push(fe.forbidden('binaryData', 'field is immutable when `immutable` is set'));
    }
    return errs;
  },
  table: {
    columns: [
      { name: 'Data', type: 'string', description: 'Number of keys in data and binaryData.', priority: 0 },
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
    ],
    cells: (obj, now) => {
      const cm = obj as ConfigMapLike;
      return [Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length, age(obj.metadata.creationTimestamp, now)];
    },
  },
};
