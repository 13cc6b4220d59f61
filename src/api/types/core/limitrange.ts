/** core/v1 LimitRange: per-object minimums, maximums and defaults of resources in a namespace. */
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { isQualifiedName } from '../../meta/names.js';
import type { KObject } from '../../meta/object-meta.js';
import { compareQuantities, milliValue, parseQuantity } from '../../meta/quantity.js';
import { canonicalQuantity } from '../../meta/quantity-canonical.js';
import {
  defaultResourceList, invalidQuantity, isOvercommitAllowed, validateContainerResourceName, validateResourceName,
} from '../../meta/resource-names.js';
import { kindFields } from '../../meta/type-fields.js';
import { field, listOf, mapOf, object, quantity, string } from '../../schema/build.js';
import type { ResourceDef } from '../../resource.js';

export const LimitRangeItemSchema = object('io.k8s.api.core.v1.LimitRangeItem', 'Bounds and defaults for one kind of object (Container, Pod or PersistentVolumeClaim).', () => ({
  type: field(string, 'Kind of object the item applies to: Container, Pod or PersistentVolumeClaim.', { required: true, proto: 1 }),
  max: field(mapOf(quantity), 'Largest amount allowed per resource.', { proto: 2 }),
  min: field(mapOf(quantity), 'Smallest amount allowed per resource.', { proto: 3 }),
  default: field(mapOf(quantity), 'Limit given to containers that set none.', { proto: 4 }),
  defaultRequest: field(mapOf(quantity), 'Request given to containers that set none.', { proto: 5 }),
  maxLimitRequestRatio: field(mapOf(quantity), 'Largest allowed limit/request ratio per resource.', { proto: 6 }),
}));

export const LimitRangeSchema = object('io.k8s.api.core.v1.LimitRange', 'Per-object resource bounds and defaults in a namespace, applied when pods and claims are created.', () => ({
  ...kindFields(),
  spec: field(object('io.k8s.api.core.v1.LimitRangeSpec', 'The bounds a LimitRange enforces.', () => ({
    limits: field(listOf(LimitRangeItemSchema), 'One item per kind of object.', { required: true, proto: 1, listType: 'atomic' }),
  })), 'The bounds the LimitRange enforces.', { proto: 2 }),
}), { gvk: { group: '', version: 'v1', kind: 'LimitRange' } });

type ResourceList = Record<string, string | number>;
interface LimitRangeItem {
  type?: string;
  max?: ResourceList;
  min?: ResourceList;
  default?: ResourceList;
  defaultRequest?: ResourceList;
  maxLimitRequestRatio?: ResourceList;
}
interface LimitRangeLike extends KObject { spec?: { limits?: LimitRangeItem[] } }

const LIMIT_TYPES = ['Container', 'Pod', 'PersistentVolumeClaim'];

/** SetDefaults_LimitRangeItem: for containers, default ← max, defaultRequest ← default, then ← min. */
export function defaultLimitRangeItem(item: LimitRangeItem): void {
  for (const list of [item.max, item.min, item.default, item.defaultRequest, item.maxLimitRequestRatio]) defaultResourceList(list);
  if (item.type !== 'Container') return;
  item.default ??= {};
  item.defaultRequest ??= {};
  for (const [k, v] of Object.entries(item.max ?? {})) if (!(k in item.default)) item.default[k] = v;
  for (const [k, v] of Object.entries(item.default)) if (!(k in item.defaultRequest)) item.defaultRequest[k] = v;
  for (const [k, v] of Object.entries(item.min ?? {})) if (!(k in item.defaultRequest)) item.defaultRequest[k] = v;
}

function validateTypeName(t: string, path: string): FieldError[] {
  const errs = isQualifiedName(t).map((m) => fe.invalid(path, t, m));
  if (errs.length) return errs;
  if (!t.includes('/') && !LIMIT_TYPES.includes(t)) return [fe.invalid(path, t, 'must be a standard limit type or fully qualified')];
  return [];
}

const q = (v: string | number): string => canonicalQuantity(v);

export function validateLimitRange(lr: LimitRangeLike): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (lr.spec?.limits ?? []).forEach((item, i) => {
    const p = fe.index('spec.limits', i);
    const type = item.type ?? '';
    errs.push(...validateTypeName(type, fe.child(p, 'type')));
    if (seen.has(type)) errs.push(fe.duplicate(fe.child(p, 'type'), type));
    seen.add(type);
    const nameCheck = (name: string, path: string): FieldError[] => (type === 'Pod' || type === 'Container' ? validateContainerResourceName(name, path) : validateResourceName(name, path));
    const keys = new Set<string>();
    const take = (list: ResourceList | undefined, member: string): void => {
      for (const k of Object.keys(list ?? {})) { errs.push(...nameCheck(k, fe.index(fe.child(p, member), k))); keys.add(k); }
    };
    take(item.max, 'max');
    take(item.min, 'min');
    if (type === 'Pod') {
      if (Object.keys(item.default ?? {}).length) errs.push(fe.forbidden(fe.child(p, 'default'), "may not be specified when `type` is 'Pod'"));
      if (Object.keys(item.defaultRequest ?? {}).length) errs.push(fe.forbidden(fe.child(p, 'defaultRequest'), "may not be specified when `type` is 'Pod'"));
    } else {
      take(item.default, 'default');
      take(item.defaultRequest, 'defaultRequest');
    }
    if (type === 'PersistentVolumeClaim' && item.min?.storage === undefined && item.max?.storage === undefined) {
      errs.push(fe.required(fe.child(p, 'limits'), 'either minimum or maximum storage value is required, but neither was provided'));
    }
    take(item.maxLimitRequestRatio, 'maxLimitRequestRatio');
    const dflt = type === 'Pod' ? {} : item.default ?? {};
    const dreq = type === 'Pod' ? {} : item.defaultRequest ?? {};
    for (const k of keys) {
      const min = item.min?.[k];
      const max = item.max?.[k];
      const d = dflt[k];
      const dr = dreq[k];
      const ratio = item.maxLimitRequestRatio?.[k];
      const at = (member: string): string => fe.index(fe.child(p, member), k);
      if (min !== undefined && max !== undefined && compareQuantities(min, max) > 0) errs.push(invalidQuantity(at('min'), min, `min value ${q(min)} is greater than max value ${q(max)}`));
      if (dr !== undefined && min !== undefined && compareQuantities(min, dr) > 0) errs.push(invalidQuantity(at('defaultRequest'), dr, `min value ${q(min)} is greater than default request value ${q(dr)}`));
      if (dr !== undefined && max !== undefined && compareQuantities(dr, max) > 0) errs.push(invalidQuantity(at('defaultRequest'), dr, `default request value ${q(dr)} is greater than max value ${q(max)}`));
      if (dr !== undefined && d !== undefined && compareQuantities(dr, d) > 0) errs.push(invalidQuantity(at('defaultRequest'), dr, `default request value ${q(dr)} is greater than default limit value ${q(d)}`));
      if (d !== undefined && min !== undefined && compareQuantities(min, d) > 0) errs.push(invalidQuantity(at('default'), min, `min value ${q(min)} is greater than default value ${q(d)}`));
      if (d !== undefined && max !== undefined && compareQuantities(d, max) > 0) errs.push(invalidQuantity(at('default'), max, `default value ${q(d)} is greater than max value ${q(max)}`));
      if (ratio !== undefined && compareQuantities(ratio, 1) < 0) errs.push(invalidQuantity(at('maxLimitRequestRatio'), ratio, `ratio ${q(ratio)} is less than 1`));
      if (ratio !== undefined && min !== undefined && max !== undefined) {
        const limit = milliValue(max) / milliValue(min);
        if ((parseQuantity(ratio) ?? 0) > limit) {
          errs.push(invalidQuantity(at('maxLimitRequestRatio'), ratio, `ratio ${q(ratio)} is greater than max/min = ${limit.toFixed(6)}`));
        }
      }
      if (!isOvercommitAllowed(k) && d !== undefined && dr !== undefined && compareQuantities(d, dr) !== 0) {
        errs.push(invalidQuantity(at('defaultRequest'), dr, `default value ${q(d)} must equal to defaultRequest value ${q(dr)} in ${k}`));
      }
    }
  });
  return errs;
}

export const limitranges: ResourceDef = {
  group: '', version: 'v1', kind: 'LimitRange', plural: 'limitranges', singular: 'limitrange',
  namespaced: true, shortNames: ['limits'],
  schema: LimitRangeSchema,
  generation: false,
  defaults(obj) {
    for (const item of (obj as LimitRangeLike).spec?.limits ?? []) defaultLimitRangeItem(item);
  },
  validate: (obj) => validateLimitRange(obj as LimitRangeLike),
  // LimitRange has no printer in Kubernetes: the server's default table (Name, Created At) applies.
  table: {
    columns: [
      { name: 'Created At', type: 'date', description: 'When the object was created.', priority: 0 },
    ],
    cells: (obj) => [obj.metadata.creationTimestamp ?? null],
  },
};
