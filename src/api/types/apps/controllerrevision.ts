/** apps/v1 ControllerRevision: an immutable snapshot of a controller's template, kept for rollback. */
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import { kindFields } from '../../meta/type-fields.js';
import { anyValue, field, int64, object } from '../../schema/build.js';
import type { ResourceDef } from '../../resource.js';
import { goInvalid } from './go-format.js';
import { AGE_COLUMN, ageCell } from './workload-common.js';
import { deepEqual, nonNegative } from './workload-validation.js';

export const ControllerRevisionSchema = object('io.k8s.api.apps.v1.ControllerRevision', 'An immutable snapshot of state that a controller (DaemonSet, StatefulSet) can roll back to.', () => ({
  ...kindFields(),
  data: field(anyValue, 'The serialized state (any JSON object).', { required: true, proto: 2 }),
  revision: field(int64, 'The number of this revision among the controller\'s revisions.', { proto: 3 }),
}), { gvk: { group: 'apps', version: 'v1', kind: 'ControllerRevision' } });

interface ControllerRevisionLike extends KObject {
  data?: unknown;
  revision?: number;
}

/** %#v of a runtime.RawExtension holding JSON bytes. */
function goRawExtension(data: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(data) ?? 'null');
  const hex = Array.from(bytes, (b) => `0x${b.toString(16)}`).join(', ');
  return `runtime.RawExtension{Raw:[]uint8{${hex}}, Object:runtime.Object(nil)}`;
}

function validateRevision(obj: KObject): FieldError[] {
  const r = obj as ControllerRevisionLike;
  const errs: FieldError[] = [];
  if (r.data === undefined || r.data === null) errs.push(fe.required('data', 'data is mandatory'));
  errs.push(...nonNegative(r.revision, 'revision'));
  return errs;
}

/** "statefulset.apps/web": the controller owner as kubectl prints it. */
export function controllerName(obj: KObject): string {
  const ref = (obj.metadata.ownerReferences ?? []).find((o) => o.controller === true);
  if (!ref) return '<none>';
  const slash = ref.apiVersion.indexOf('/');
  const group = slash >= 0 ? ref.apiVersion.slice(0, slash) : '';
  const kind = group ? `${ref.kind}.${group}` : ref.kind;
  return kind ? `${kind.toLowerCase()}/${ref.name}` : ref.name;
}

export const controllerrevisions: ResourceDef = {
  group: 'apps', version: 'v1', kind: 'ControllerRevision', plural: 'controllerrevisions', singular: 'controllerrevision',
  namespaced: true,
  schema: ControllerRevisionSchema,
  generation: false,
  validate: validateRevision,
  validateUpdate(obj, old) {
    const n = obj as ControllerRevisionLike;
    const o = old as ControllerRevisionLike;
    return deepEqual(n.data, o.data) ? [] : [goInvalid('data', goRawExtension(n.data), 'field is immutable')];
  },
  table: {
    columns: [
      { name: 'Controller', type: 'string', description: 'The object that owns this revision.', priority: 0 },
      { name: 'Revision', type: 'string', description: 'The revision number.', priority: 0 },
      AGE_COLUMN,
    ],
    cells: (obj, now) => [controllerName(obj), (obj as ControllerRevisionLike).revision ?? 0, ageCell(obj, now)],
  },
};
