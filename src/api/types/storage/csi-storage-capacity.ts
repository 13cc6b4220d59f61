/**
 * storage.k8s.io/v1 CSIStorageCapacity: how much storage of a class a CSI driver can provision in a
 * topology segment, for the scheduler. Namespaced; no spec, the fields sit at the top level.
 */
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { LabelSelectorSchema, type LabelSelector } from '../../meta/label-selector.js';
import { isDNS1123Subdomain } from '../../meta/names.js';
import type { KObject } from '../../meta/object-meta.js';
import { parseQuantity } from '../../meta/quantity.js';
import { kindFields } from '../../meta/type-fields.js';
import { validateLabelSelector } from '../../meta/validate-meta.js';
import type { ResourceDef } from '../../resource.js';
import { field, object, quantity, string } from '../../schema/build.js';

export const CSIStorageCapacitySchema = object('io.k8s.api.storage.v1.CSIStorageCapacity', 'Storage of one class a CSI driver can provision in one topology segment.', () => ({
  ...kindFields(),
  nodeTopology: field(LabelSelectorSchema, 'The nodes that can reach the storage; absent: none.', { proto: 2 }),
  storageClassName: field(string, 'The StorageClass the capacity is for; cannot change.', { required: true, proto: 3 }),
  capacity: field(quantity, 'Space available for new volumes; absent: unknown.', { proto: 4 }),
  maximumVolumeSize: field(quantity, 'Largest volume that can be created; absent: same as capacity.', { proto: 5 }),
}), { gvk: { group: 'storage.k8s.io', version: 'v1', kind: 'CSIStorageCapacity' } });

export interface CSIStorageCapacityLike extends KObject {
  nodeTopology?: LabelSelector; storageClassName?: string; capacity?: string | number; maximumVolumeSize?: string | number;
}

export function validateCSIStorageCapacity(c: CSIStorageCapacityLike): FieldError[] {
  const errs: FieldError[] = [];
  if (c.nodeTopology) errs.push(...validateLabelSelector(c.nodeTopology, 'nodeTopology'));
  const sc = c.storageClassName ?? '';
  if (!sc) errs.push(fe.required('storageClassName', ''));
  else for (const m of isDNS1123Subdomain(sc)) errs.push(fe.invalid('storageClassName', sc, m));
  for (const k of ['capacity', 'maximumVolumeSize'] as const) {
    const v = c[k];
    if (v !== undefined && (parseQuantity(v) ?? 0) < 0) errs.push(fe.invalid(k, String(v), 'must be greater than or equal to 0'));
  }
  return errs;
}

export const csistoragecapacities: ResourceDef = {
  group: 'storage.k8s.io', version: 'v1', kind: 'CSIStorageCapacity', plural: 'csistoragecapacities', singular: 'csistoragecapacity',
  namespaced: true,
  schema: CSIStorageCapacitySchema,
  generation: false,
  validate: (obj) => validateCSIStorageCapacity(obj as CSIStorageCapacityLike),
  validateUpdate(obj, old) {
    const n = (obj as CSIStorageCapacityLike).storageClassName ?? '';
    return n === ((old as CSIStorageCapacityLike).storageClassName ?? '') ? [] : [fe.invalid('storageClassName', n, 'field is immutable')];
  },
  table: {
    columns: [
      { name: 'StorageClassName', type: 'string', description: 'The StorageClass the capacity is for.', priority: 0 },
      { name: 'Capacity', type: 'string', description: 'Space available for new volumes.', priority: 0 },
    ],
    cells(obj) {
      const c = obj as CSIStorageCapacityLike;
      return [c.storageClassName ?? '', c.capacity === undefined ? '<unset>' : String(c.capacity)];
    },
  },
};
