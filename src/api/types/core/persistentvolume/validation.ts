/** PersistentVolume validation with Kubernetes' wording (ValidatePersistentVolume, …Update). */
import * as fe from '../../../meta/field-errors.js';
import type { FieldError } from '../../../meta/field-errors.js';
import { isDNS1123Subdomain } from '../../../meta/names.js';
import { parseQuantity } from '../../../meta/quantity.js';
import { IS_NOT_POSITIVE_ERROR } from '../../../meta/resource-names.js';
import type { ObjectSchema, Schema } from '../../../schema/schema.js';
import { validateAccessModes } from './access-modes.js';
import { validateNodeSelector } from '../common/index.js';
import { PersistentVolumeSourceSchema, PV_SOURCE_KEYS, type PersistentVolumeLike } from './schema.js';

/** Source keys in the order Kubernetes checks them, with the name its "more than 1" error uses. */
const SOURCE_ORDER: Array<[string, string]> = [
  ['hostPath', 'hostPath'], ['gcePersistentDisk', 'gcePersistentDisk'], ['awsElasticBlockStore', 'awsElasticBlockStore'],
  ['glusterfs', 'glusterfs'], ['flocker', 'flocker'], ['nfs', 'nfs'], ['rbd', 'rbd'], ['quobyte', 'quobyte'],
  ['cephfs', 'cephFS'], ['iscsi', 'iscsi'], ['cinder', 'cinder'], ['fc', 'fc'], ['flexVolume', ''],
  ['azureFile', 'azureFile'], ['vsphereVolume', 'vsphereVolume'], ['photonPersistentDisk', 'photonPersistentDisk'],
  ['portworxVolume', 'portworxVolume'], ['azureDisk', 'azureDisk'], ['scaleIO', 'scaleIO'], ['local', 'local'],
  ['storageos', 'storageos'], ['csi', 'csi'],
];

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
const VOLUME_MODES = ['Block', 'Filesystem'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Required string and list members of a source are present and non-empty. */
function requiredMembers(schema: Schema, value: Record<string, unknown>, path: string): FieldError[] {
  if (schema.type !== 'object') return [];
  const errs: FieldError[] = [];
  for (const [k, f] of Object.entries((schema as ObjectSchema).fields)) {
    if (!f.required) continue;
    const v = value[k];
    const empty = v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
    if (empty && (f.schema.type === 'string' || f.schema.type === 'array')) errs.push(fe.required(fe.child(path, k), ''));
  }
  return errs;
}

function noBacksteps(p: string, path: string): FieldError[] {
  return p.split(/[\\/]/).includes('..') ? [fe.invalid(path, p, "must not contain '..'")] : [];
}

function validateSource(key: string, value: Record<string, unknown>, base: string): FieldError[] {
  const path = key === 'gcePersistentDisk' ? fe.child(base, 'persistentDisk') : fe.child(base, key);
  const errs = requiredMembers(PersistentVolumeSourceSchema.fields[key].schema, value, path);
  if (key === 'hostPath') {
    if (typeof value.path === 'string') errs.push(...noBacksteps(value.path, fe.child(path, 'path')));
    if (typeof value.type === 'string' && !HOST_PATH_TYPES.includes(value.type)) errs.push(fe.notSupported(fe.child(path, 'type'), value.type, HOST_PATH_TYPES));
  }
  if (key === 'nfs' && typeof value.path === 'string' && value.path && !value.path.startsWith('/')) {
    errs.push(fe.invalid(fe.child(path, 'path'), value.path, 'must be an absolute path'));
  }
  if (key === 'local' && typeof value.path === 'string') errs.push(...noBacksteps(value.path, fe.child(path, 'path')));
  if (key === 'csi' && typeof value.driver === 'string' && value.driver) {
    const d = value.driver;
    if (d.length > 63) errs.push(fe.tooLong(fe.child(path, 'driver'), 63));
    errs.push(...isDNS1123Subdomain(d.toLowerCase()).map((m) => fe.invalid(fe.child(path, 'driver'), d, m)));
    for (const ref of ['controllerPublishSecretRef', 'nodeStageSecretRef', 'nodePublishSecretRef', 'controllerExpandSecretRef', 'nodeExpandSecretRef']) {
      const r = value[ref];
      if (!isRecord(r)) continue;
      if (!r.name) errs.push(fe.required(fe.child(fe.child(path, ref), 'name'), ''));
      if (!r.namespace) errs.push(fe.required(fe.child(fe.child(path, ref), 'namespace'), ''));
    }
  }
  return errs;
}

export function validatePersistentVolume(pv: PersistentVolumeLike): FieldError[] {
  const spec = pv.spec ?? {};
  const errs = validateAccessModes(spec.accessModes, 'spec.accessModes');
  const capacity = spec.capacity ?? {};
  const keys = Object.keys(capacity);
  if (keys.length === 0) errs.push(fe.required('spec.capacity', ''));
  if (!('storage' in capacity) || keys.length > 1) {
    const shown = `core.ResourceList{${keys.map((k) => `${JSON.stringify(k)}:${String(capacity[k])}`).join(', ')}}`;
    errs.push({ type: 'FieldValueNotSupported', field: 'spec.capacity', message: `Unsupported value: ${shown}: supported values: "storage"` });
  }
  for (const k of keys) {
    const q = parseQuantity(capacity[k]);
    if (q !== undefined && q <= 0) errs.push(fe.invalid(fe.index('spec.capacity', k), String(capacity[k]), IS_NOT_POSITIVE_ERROR));
  }
  const policy = spec.persistentVolumeReclaimPolicy;
  if (policy && !RECLAIM_POLICIES.includes(policy)) errs.push(fe.notSupported('spec.persistentVolumeReclaimPolicy', policy, RECLAIM_POLICIES));
  let affinity = false;
  if (spec.nodeAffinity) {
    affinity = true;
    if (spec.nodeAffinity.required) errs.push(...validateNodeSelector(spec.nodeAffinity.required, false, 'spec.nodeAffinity.required'));
    else errs.push(fe.required('spec.nodeAffinity.required', 'must specify required node constraints'));
  }
  let count = 0;
  for (const [key, dupName] of SOURCE_ORDER) {
    const v = spec[key];
    if (!isRecord(v)) continue;
    if (count > 0 && dupName) { errs.push(fe.forbidden(fe.child('spec', dupName), 'may not specify more than 1 volume type')); continue; }
    count++;
    errs.push(...validateSource(key, v, 'spec'));
    if (key === 'local' && !affinity) errs.push(fe.required('spec.nodeAffinity', 'Local volume requires node affinity'));
  }
  if (count === 0) errs.push(fe.required('spec', 'must specify a volume type'));
  const hostPath = spec.hostPath?.path;
  if (hostPath !== undefined && hostPath.replace(/\/+$/, '') === '' && hostPath.startsWith('/') && policy === 'Recycle') {
    errs.push(fe.forbidden('spec.persistentVolumeReclaimPolicy', "may not be 'recycle' for a hostPath mount of '/'"));
  }
  if (spec.storageClassName) errs.push(...isDNS1123Subdomain(spec.storageClassName).map((m) => fe.invalid('spec.storageClassName', spec.storageClassName, m)));
  if (spec.volumeMode !== undefined && !VOLUME_MODES.includes(spec.volumeMode)) errs.push(fe.notSupported('spec.volumeMode', spec.volumeMode, VOLUME_MODES));
  if (spec.volumeAttributesClassName !== undefined) {
    const vac = spec.volumeAttributesClassName;
    if (vac === '') errs.push(fe.required('spec.volumeAttributesClassName', 'an empty string is disallowed'));
    else errs.push(...isDNS1123Subdomain(vac).map((m) => fe.invalid('spec.volumeAttributesClassName', vac, m)));
    if (!spec.csi) errs.push(fe.required('spec.csi', 'has to be specified when using volumeAttributesClassName'));
  }
  return errs;
}

function sourceOf(pv: PersistentVolumeLike): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of PV_SOURCE_KEYS) if (pv.spec?.[k] !== undefined) out[k] = pv.spec[k];
  return out;
}

/** The volume source, volume mode and node affinity are fixed once the volume exists. */
export function validatePersistentVolumeUpdate(pv: PersistentVolumeLike, old: PersistentVolumeLike): FieldError[] {
  const errs: FieldError[] = [];
  const src = sourceOf(pv);
  const oldSrc = sourceOf(old);
  const newCSI = src.csi as Record<string, unknown> | undefined;
  const oldCSI = oldSrc.csi as Record<string, unknown> | undefined;
  if (oldCSI && newCSI && oldCSI.controllerExpandSecretRef === undefined && newCSI.controllerExpandSecretRef !== undefined) {
    const { controllerExpandSecretRef: _added, ...rest } = newCSI;
    src.csi = rest;
  }
  const a = JSON.stringify(src);
  const b = JSON.stringify(oldSrc);
  if (a !== b) {
    errs.push(fe.forbidden('spec.persistentvolumesource', `spec.persistentvolumesource is immutable after creation\n- ${b}\n+ ${a}`));
  }
  if ((pv.spec?.volumeMode ?? null) !== (old.spec?.volumeMode ?? null)) errs.push(fe.invalid('volumeMode', pv.spec?.volumeMode ?? null, 'field is immutable'));
  if (old.spec?.nodeAffinity && JSON.stringify(pv.spec?.nodeAffinity ?? null) !== JSON.stringify(old.spec.nodeAffinity)) {
    errs.push(fe.invalid('nodeAffinity', pv.spec?.nodeAffinity ?? null, 'field is immutable, except for updating from beta label to GA'));
  }
  if (old.spec?.volumeAttributesClassName !== undefined && pv.spec?.volumeAttributesClassName === undefined) {
    errs.push(fe.forbidden('spec.volumeAttributesClassName', 'update from non-nil value to nil is forbidden'));
  }
  return errs;
}
