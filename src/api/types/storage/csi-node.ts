/**
 * storage.k8s.io/v1 CSINode: the CSI drivers installed on a node (named after the node), with the
 * node's ID and topology keys for each, as the kubelet registers them.
 */
import { age } from '../../meta/age.js';
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { isQualifiedName } from '../../meta/names.js';
import type { KObject } from '../../meta/object-meta.js';
import { kindFields } from '../../meta/type-fields.js';
import type { ResourceDef } from '../../resource.js';
import { field, int32, listOf, object, string } from '../../schema/build.js';
import { validateCSIDriverName } from './csi-name.js';

export const CSINodeSchema = object('io.k8s.api.storage.v1.CSINode', 'The CSI drivers installed on a node; named after the node.', () => ({
  ...kindFields(),
  spec: field(object('io.k8s.api.storage.v1.CSINodeSpec', 'The node\'s CSI drivers.', () => ({
    drivers: field(listOf(object('io.k8s.api.storage.v1.CSINodeDriver', 'One CSI driver on the node.', () => ({
      name: field(string, 'Name of the driver (as in its CSIDriver).', { required: true, proto: 1 }),
      nodeID: field(string, 'The node as the driver knows it.', { required: true, proto: 2 }),
      topologyKeys: field(listOf(string), 'Node label keys the driver reports topology with.', { proto: 3, listType: 'atomic' }),
      allocatable: field(object('io.k8s.api.storage.v1.VolumeNodeResources', 'Volume limits of the driver on the node.', () => ({
        count: field(int32, 'Most volumes of the driver the node can use.', { proto: 1 }),
      })), 'Volume limits of the driver on the node.', { proto: 4 }),
    }))), 'The drivers; unique by name.', { required: true, proto: 1, mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'] }),
  })), 'The node\'s CSI drivers.', { required: true, proto: 2 }),
}), { gvk: { group: 'storage.k8s.io', version: 'v1', kind: 'CSINode' } });

interface Driver { name?: string; nodeID?: string; topologyKeys?: string[]; allocatable?: { count?: number } }
export interface CSINodeLike extends KObject { spec?: { drivers?: Driver[] } }

export function validateCSINode(n: CSINodeLike): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (n.spec?.drivers ?? []).forEach((d, i) => {
    const p = `spec.drivers[${i}]`;
    errs.push(...validateCSIDriverName(d.name, `${p}.name`));
    if (!d.nodeID) errs.push(fe.required(`${p}.nodeID`, ''));
    else if (d.nodeID.length > 192) errs.push(fe.tooLong(`${p}.nodeID`, 192));
    const keys = new Set<string>();
    (d.topologyKeys ?? []).forEach((k, j) => {
      if (!k) errs.push(fe.required(`${p}.topologyKeys`, ''));
      else for (const m of isQualifiedName(k)) errs.push(fe.invalid(`${p}.topologyKeys`, k, m));
      if (keys.has(k)) errs.push(fe.duplicate(`${p}.topologyKeys[${j}]`, k));
      keys.add(k);
    });
    const count = d.allocatable?.count;
    if (count !== undefined && count < 0) errs.push(fe.invalid(`${p}.allocatable.count`, count, 'must be greater than or equal to 0'));
    if (names.has(d.name ?? '')) errs.push(fe.duplicate(`${p}.name`, d.name ?? ''));
    names.add(d.name ?? '');
  });
  return errs;
}

export const csinodes: ResourceDef = {
  group: 'storage.k8s.io', version: 'v1', kind: 'CSINode', plural: 'csinodes', singular: 'csinode',
  namespaced: false,
  schema: CSINodeSchema,
  generation: false,
  validate: (obj) => validateCSINode(obj as CSINodeLike),
  table: {
    columns: [
      { name: 'Drivers', type: 'integer', description: 'Number of CSI drivers registered on the node.', priority: 0 },
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
    ],
    cells: (obj, now) => [((obj as CSINodeLike).spec?.drivers ?? []).length, age(obj.metadata.creationTimestamp, now)],
  },
};
