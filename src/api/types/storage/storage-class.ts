/** storage.k8s.io/v1 StorageClass: how PersistentVolumes of a class are provisioned. */
import { age } from '../../meta/age.js';
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { isQualifiedName } from '../../meta/names.js';
import type { KObject } from '../../meta/object-meta.js';
import { kindFields } from '../../meta/type-fields.js';
import { boolean, enumOf, field, listOf, object, string, stringMap } from '../../schema/build.js';
import type { ResourceDef } from '../../resource.js';
import { TopologySelectorTermSchema } from '../core/common/index.js';

export const StorageClassSchema = object('io.k8s.api.storage.v1.StorageClass', 'A class of storage: the provisioner that creates its volumes, and its settings. Claims ask for a class by name.', () => ({
  ...kindFields(),
  provisioner: field(string, 'Name of the volume plugin or CSI driver that provisions volumes of this class; cannot change.', { required: true, proto: 2 }),
  parameters: field(stringMap, 'Settings passed to the provisioner; cannot change.', { proto: 3 }),
  reclaimPolicy: field(enumOf('Delete', 'Recycle', 'Retain'), 'What happens to provisioned volumes when released: Delete (the default) or Retain; cannot change.', { proto: 4 }),
  mountOptions: field(listOf(string), 'Mount options for volumes of the class, such as "ro" or "soft"; not checked.', { proto: 5, listType: 'atomic' }),
  allowVolumeExpansion: field(boolean, 'Whether claims of the class may be resized.', { proto: 6 }),
  volumeBindingMode: field(enumOf('Immediate', 'WaitForFirstConsumer'), 'When claims are bound and provisioned: Immediate (the default) or WaitForFirstConsumer, once a pod uses the claim; cannot change.', { proto: 7 }),
  allowedTopologies: field(listOf(TopologySelectorTermSchema), 'Topologies where volumes may be provisioned; empty means anywhere.', { proto: 8, listType: 'atomic' }),
}), { gvk: { group: 'storage.k8s.io', version: 'v1', kind: 'StorageClass' } });

interface TopologyTerm { matchLabelExpressions?: Array<{ key?: string; values?: string[] }> }
export interface StorageClassLike extends KObject {
  provisioner?: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: string;
  mountOptions?: string[];
  allowVolumeExpansion?: boolean;
  volumeBindingMode?: string;
  allowedTopologies?: TopologyTerm[];
}

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
const BETA_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';

export function isDefaultStorageClass(obj: KObject): boolean {
  const a = obj.metadata.annotations ?? {};
  return a[DEFAULT_CLASS_ANNOTATION] === 'true' || a[BETA_DEFAULT_CLASS_ANNOTATION] === 'true';
}

/** The NAME cell kubectl shows: the name, with " (default)" for the default class. */
export function storageClassNameCell(obj: KObject): string {
  return `${obj.metadata.name ?? ''}${isDefaultStorageClass(obj) ? ' (default)' : ''}`;
}

const RECLAIM_POLICIES = ['Delete', 'Retain'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];
const MAX_PARAMETERS = 512;
const MAX_PARAMETERS_SIZE = 256 * 1024;

function validateParameters(params: Record<string, string>): FieldError[] {
  const entries = Object.entries(params);
  if (entries.length > MAX_PARAMETERS) return [fe.tooLong('parameters', MAX_PARAMETERS)];
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of entries) {
    if (k.length < 1) errs.push(fe.invalid('parameters', k, 'field can not be empty.'));
    size += k.length + v.length;
  }
  if (size > MAX_PARAMETERS_SIZE) errs.push(fe.tooLong('parameters', MAX_PARAMETERS_SIZE));
  return errs;
}

function validateTopologies(terms: TopologyTerm[]): FieldError[] {
  const errs: FieldError[] = [];
  const seen: string[] = [];
  terms.forEach((term, i) => {
    const ep = fe.child(fe.index('allowedTopologies', i), 'matchLabelExpressions');
    const exprs = new Map<string, string[]>();
    (term.matchLabelExpressions ?? []).forEach((req, j) => {
      const rp = fe.index(ep, j);
      const values = req.values ?? [];
      if (values.length === 0) errs.push(fe.required(fe.child(rp, 'values'), ''));
      const set = new Set<string>();
      values.forEach((v, k) => {
        if (set.has(v)) errs.push(fe.duplicate(fe.index(fe.child(rp, 'values'), k), v));
        set.add(v);
      });
      const key = req.key ?? '';
      for (const m of isQualifiedName(key)) errs.push(fe.invalid(fe.child(rp, 'key'), key, m));
      if (exprs.has(key)) errs.push(fe.duplicate(fe.child(rp, 'key'), key));
      exprs.set(key, [...set].sort());
    });
    const canonical = JSON.stringify([...exprs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    if (seen.includes(canonical)) errs.push(fe.duplicate(ep, ''));
    seen.push(canonical);
  });
  return errs;
}

export function validateStorageClass(sc: StorageClassLike): FieldError[] {
  const errs: FieldError[] = [];
  const provisioner = sc.provisioner ?? '';
  if (!provisioner) errs.push(fe.required('provisioner', ''));
  else for (const m of isQualifiedName(provisioner.toLowerCase())) errs.push(fe.invalid('provisioner', provisioner.toLowerCase(), m));
  errs.push(...validateParameters(sc.parameters ?? {}));
  if (sc.reclaimPolicy && !RECLAIM_POLICIES.includes(sc.reclaimPolicy)) errs.push(fe.notSupported('reclaimPolicy', sc.reclaimPolicy, RECLAIM_POLICIES));
  if (sc.volumeBindingMode === undefined) errs.push(fe.required('volumeBindingMode', ''));
  else if (!BINDING_MODES.includes(sc.volumeBindingMode)) errs.push(fe.notSupported('volumeBindingMode', sc.volumeBindingMode, BINDING_MODES));
  errs.push(...validateTopologies(sc.allowedTopologies ?? []));
  return errs;
}

function sameMap(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ea = Object.entries(a ?? {});
  return ea.length === Object.keys(b ?? {}).length && ea.every(([k, v]) => (b ?? {})[k] === v);
}

export function validateStorageClassUpdate(n: StorageClassLike, o: StorageClassLike): FieldError[] {
  const errs: FieldError[] = [];
  if (!sameMap(n.parameters, o.parameters)) errs.push(fe.forbidden('parameters', 'updates to parameters are forbidden.'));
  if ((n.provisioner ?? '') !== (o.provisioner ?? '')) errs.push(fe.forbidden('provisioner', 'updates to provisioner are forbidden.'));
  if (n.reclaimPolicy !== o.reclaimPolicy) errs.push(fe.forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
  if (n.volumeBindingMode !== o.volumeBindingMode) errs.push(fe.invalid('volumeBindingMode', n.volumeBindingMode, 'field is immutable'));
  return errs;
}

export const storageclasses: ResourceDef = {
  group: 'storage.k8s.io', version: 'v1', kind: 'StorageClass', plural: 'storageclasses', singular: 'storageclass',
  namespaced: false, shortNames: ['sc'],
  schema: StorageClassSchema,
  generation: false,
  defaults(obj) {
    const sc = obj as StorageClassLike;
    sc.reclaimPolicy ??= 'Delete';
    sc.volumeBindingMode ??= 'Immediate';
  },
  validate: (obj) => validateStorageClass(obj as StorageClassLike),
  validateUpdate: (obj, old) => validateStorageClassUpdate(obj as StorageClassLike, old as StorageClassLike),
  table: {
    nameCell: storageClassNameCell,
    columns: [
      { name: 'Provisioner', type: 'string', description: 'The provisioner of volumes of the class.', priority: 0 },
      { name: 'ReclaimPolicy', type: 'string', description: 'What happens to released volumes.', priority: 0 },
      { name: 'VolumeBindingMode', type: 'string', description: 'When claims are bound.', priority: 0 },
      { name: 'AllowVolumeExpansion', type: 'string', description: 'Whether claims may be resized.', priority: 0 },
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
    ],
    cells: (obj, now) => {
      const sc = obj as StorageClassLike;
      return [
        sc.provisioner ?? '', sc.reclaimPolicy ?? 'Delete', sc.volumeBindingMode ?? 'Immediate',
        sc.allowVolumeExpansion ?? false, age(obj.metadata.creationTimestamp, now),
      ];
    },
  },
};
