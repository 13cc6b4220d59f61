/** Validation of each pod volume source (the validate*VolumeSource functions of Kubernetes). */
import * as fe from '../../../meta/field-errors.js';
import type { FieldError } from '../../../meta/field-errors.js';
import { isDNS1123Subdomain } from '../../../meta/names.js';
import { parseQuantity } from '../../../meta/quantity.js';
import { validateLabels } from '../../../meta/validate-meta.js';
import { validateAnnotations } from '../../../meta/validate-meta.js';
import { validatePersistentVolumeClaimSpec } from '../common/validate-pvc-spec.js';
import { validateDownwardAPIFile, validateKeyToPath, validateProjected } from './validate-volume-files.js';
import {
  dnsLabel, entry, fileMode, inclusiveRange, isObj, list, localDescendingPath, noBacksteps, type Obj,
} from './validate-helpers.js';

type SourceCheck = (src: Obj, path: string) => FieldError[];

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function requireStr(src: Obj, key: string, path: string, detail = ''): FieldError[] {
  return str(src[key]) ? [] : [fe.required(fe.child(path, key), detail)];
}

function partition(src: Obj, path: string): FieldError[] {
  const p = src.partition;
  return typeof p === 'number' && (p < 0 || p > 255) ? [fe.invalid(fe.child(path, 'partition'), p, inclusiveRange(1, 255))] : [];
}

function secretRefName(src: Obj, path: string): FieldError[] {
  const ref = src.secretRef;
  return isObj(ref) && !str(ref.name) ? [fe.required(`${path}.secretRef.name`, '')] : [];
}

const IQN = /^iqn\.\d{4}-\d{2}\.([A-Za-z0-9-.]+)(:[^,;*&$|\s]+)$/;
const EUI = /^eui.[A-Za-z0-9]{16}$/;
const NAA = /^naa.[A-Za-z0-9]{32}$/;

function iqnFormat(value: string, path: string, startMsg: string): FieldError[] {
  if (!/^(iqn|eui|naa)/.test(value)) return [fe.invalid(path, value, startMsg)];
  const bad = (value.startsWith('iqn') && !IQN.test(value.slice(value.indexOf('iqn'))))
    || (value.startsWith('eui') && !EUI.test(value)) || (value.startsWith('naa') && !NAA.test(value));
  return bad ? [fe.invalid(path, value, 'must be valid format')] : [];
}

const iscsi: SourceCheck = (src, path) => {
  const errs = requireStr(src, 'targetPortal', path);
  const iqn = str(src.iqn);
  if (!iqn) errs.push(fe.required(fe.child(path, 'iqn'), ''));
  else errs.push(...iqnFormat(iqn, fe.child(path, 'iqn'), 'must be valid format starting with iqn, eui, or naa'));
  const lun = typeof src.lun === 'number' ? src.lun : 0;
  if (lun < 0 || lun > 255) errs.push(fe.invalid(fe.child(path, 'lun'), lun, inclusiveRange(0, 255)));
  if ((src.chapAuthDiscovery || src.chapAuthSession) && !isObj(src.secretRef)) errs.push(fe.required(fe.child(path, 'secretRef'), ''));
  if (typeof src.initiatorName === 'string') {
    errs.push(...iqnFormat(src.initiatorName, fe.child(path, 'initiatorname'), 'must be valid format starting with iqn, eui, or naa'));
  }
  return errs;
};

const fc: SourceCheck = (src, path) => {
  const errs: FieldError[] = [];
  const wwns = list(src.targetWWNs as string[]);
  const wwids = list(src.wwids as string[]);
  if (wwns.length < 1 && wwids.length < 1) errs.push(fe.required(fe.child(path, 'targetWWNs'), 'must specify either targetWWNs or wwids, but not both'));
  if (wwns.length && wwids.length) errs.push(fe.invalid(fe.child(path, 'targetWWNs'), wwns, 'targetWWNs and wwids can not be specified simultaneously'));
  if (wwns.length) {
    if (typeof src.lun !== 'number') errs.push(fe.required(fe.child(path, 'lun'), 'lun is required if targetWWNs is specified'));
    else if (src.lun < 0 || src.lun > 255) errs.push(fe.invalid(fe.child(path, 'lun'), src.lun, inclusiveRange(0, 255)));
  }
  return errs;
};

const flocker: SourceCheck = (src, path) => {
  const errs: FieldError[] = [];
  const name = str(src.datasetName);
  const uuid = str(src.datasetUUID);
  if (!name && !uuid) errs.push(fe.required(path, 'one of datasetName and datasetUUID is required'));
  if (name && uuid) errs.push(fe.invalid(path, 'resource', 'datasetName and datasetUUID can not be specified simultaneously'));
  if (name.includes('/')) errs.push(fe.invalid(fe.child(path, 'datasetName'), name, "must not contain '/'"));
  return errs;
};

const quobyte: SourceCheck = (src, path) => {
  const errs: FieldError[] = [];
  const registry = str(src.registry);
  const hostPortMsg = 'must be a host:port pair or multiple pairs separated by commas';
  if (!registry) errs.push(fe.required(fe.child(path, 'registry'), hostPortMsg));
  else if (str(src.tenant).length >= 65) errs.push(fe.required(fe.child(path, 'tenant'), 'must be a UUID and may not exceed a length of 64 characters'));
  else {
    for (const pair of registry.split(',')) {
      if (!/^(\[[^\]]*\]|[^:\[\]]*):[^:]*$/.test(pair)) errs.push(fe.invalid(fe.child(path, 'registry'), registry, hostPortMsg));
    }
  }
  errs.push(...requireStr(src, 'volume', path));
  return errs;
};

const flex: SourceCheck = (src, path) => {
  const errs = requireStr(src, 'driver', path);
  for (const k of Object.keys(isObj(src.options) ? src.options : {})) {
    const ns = k.includes('/') ? k.split('/')[0] : k;
    const normalized = `.${ns.toLowerCase()}`;
    if (normalized.endsWith('.kubernetes.io') || normalized.endsWith('.k8s.io')) {
      errs.push(fe.invalid(`${path}.options[${k}]`, k, 'kubernetes.io and k8s.io namespaces are reserved'));
    }
  }
  return errs;
};

const azureDisk: SourceCheck = (src, path) => {
  const errs = [...requireStr(src, 'diskName', path), ...requireStr(src, 'diskURI', path)];
  const caching = src.cachingMode;
  if (typeof caching === 'string' && !['None', 'ReadOnly', 'ReadWrite'].includes(caching)) {
    errs.push(fe.notSupported(fe.child(path, 'cachingMode'), caching, ['None', 'ReadOnly', 'ReadWrite']));
  }
  const kind = src.kind;
  if (typeof kind === 'string') {
    if (!['Dedicated', 'Managed', 'Shared'].includes(kind)) errs.push(fe.notSupported(fe.child(path, 'kind'), kind, ['Dedicated', 'Managed', 'Shared']));
    const uri = str(src.diskURI);
    if (kind === 'Managed' && !uri.startsWith('/subscriptions/')) {
      errs.push(fe.notSupported(fe.child(path, 'diskURI'), uri, ['/subscriptions/{sub-id}/resourcegroups/{group-name}/providers/microsoft.compute/disks/{disk-id}']));
    }
    if (kind !== 'Managed' && !uri.startsWith('https://')) {
      errs.push(fe.notSupported(fe.child(path, 'diskURI'), uri, ['https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd']));
    }
  }
  return errs;
};

const storageos: SourceCheck = (src, path) => {
  const errs: FieldError[] = [];
  const name = str(src.volumeName);
  if (!name) errs.push(fe.required(fe.child(path, 'volumeName'), ''));
  else errs.push(...dnsLabel(name, fe.child(path, 'volumeName')));
  if (str(src.volumeNamespace)) errs.push(...dnsLabel(str(src.volumeNamespace), fe.child(path, 'volumeNamespace')));
  errs.push(...secretRefName(src, path));
  return errs;
};

const csi: SourceCheck = (src, path) => {
  const errs: FieldError[] = [];
  const driver = str(src.driver);
  const dp = fe.child(path, 'driver');
  if (!driver) errs.push(fe.required(dp, ''));
  if (driver.length > 63) errs.push(fe.tooLong(dp, 63));
  for (const m of isDNS1123Subdomain(driver.toLowerCase())) errs.push(fe.invalid(dp, driver, m));
  const ref = src.nodePublishSecretRef;
  if (isObj(ref)) {
    const name = str(ref.name);
    if (!name) errs.push(fe.required(`${path}.nodePublishSecretRef.name`, ''));
    else for (const m of isDNS1123Subdomain(name)) errs.push(fe.invalid(fe.child(path, 'name'), name, m));
  }
  return errs;
};

const TEMPLATE_META_FIELDS = new Set(['annotations', 'labels']);

const ephemeral: SourceCheck = (src, path) => {
  const tpl = src.volumeClaimTemplate;
  const tp = fe.child(path, 'volumeClaimTemplate');
  if (!isObj(tpl)) return [fe.required(tp, '')];
  const errs: FieldError[] = [];
  const meta = entry(tpl.metadata as Obj | undefined);
  const mp = fe.child(tp, 'metadata');
  errs.push(...validateAnnotations(meta.annotations as Record<string, string> | undefined, fe.child(mp, 'annotations')));
  errs.push(...validateLabels(meta.labels as Record<string, string> | undefined, fe.child(mp, 'labels')));
  for (const [k, v] of Object.entries(meta)) {
    if (!TEMPLATE_META_FIELDS.has(k) && v !== undefined && v !== null && v !== '') errs.push(fe.forbidden(fe.child(mp, k), 'cannot be set'));
  }
  errs.push(...validatePersistentVolumeClaimSpec(entry(tpl.spec as Obj | undefined), fe.child(tp, 'spec')));
  return errs;
};

/** The sources in the order Kubernetes checks them: [field, path used for its checks, check]. */
export const VOLUME_SOURCES: ReadonlyArray<[string, string, SourceCheck]> = [
  ['emptyDir', 'emptyDir', (s, p) => {
    const limit = s.sizeLimit;
    const n = typeof limit === 'string' || typeof limit === 'number' ? parseQuantity(limit) : undefined;
    return n !== undefined && n < 0 ? [fe.forbidden(fe.child(p, 'sizeLimit'), 'SizeLimit field must be a valid resource quantity')] : [];
  }],
  ['hostPath', 'hostPath', (s, p) => {
    const path = str(s.path);
    if (!path) return [fe.required(fe.child(p, 'path'), '')];
    const errs = noBacksteps(path, fe.child(p, 'path'));
    if (typeof s.type === 'string' && !HOST_PATH_TYPES.includes(s.type)) errs.push(fe.notSupported(fe.child(p, 'type'), s.type, HOST_PATH_TYPES));
    return errs;
  }],
  ['gitRepo', 'gitRepo', (s, p) => [...requireStr(s, 'repository', p), ...localDescendingPath(str(s.directory), fe.child(p, 'directory'))]],
  ['gcePersistentDisk', 'persistentDisk', (s, p) => [...requireStr(s, 'pdName', p), ...partition(s, p)]],
  ['awsElasticBlockStore', 'awsElasticBlockStore', (s, p) => [...requireStr(s, 'volumeID', p), ...partition(s, p)]],
  ['secret', 'secret', (s, p) => [
    ...requireStr(s, 'secretName', p), ...fileMode(s.defaultMode, fe.child(p, 'defaultMode')),
    ...list(s.items as Obj[]).flatMap((kp, i) => validateKeyToPath(entry(kp), fe.index(fe.child(p, 'items'), i))),
  ]],
  ['nfs', 'nfs', (s, p) => {
    const errs = [...requireStr(s, 'server', p), ...requireStr(s, 'path', p)];
    if (!str(s.path).startsWith('/')) errs.push(fe.invalid(fe.child(p, 'path'), str(s.path), 'must be an absolute path'));
    return errs;
  }],
  ['iscsi', 'iscsi', iscsi],
  ['glusterfs', 'glusterfs', (s, p) => [...requireStr(s, 'endpoints', p), ...requireStr(s, 'path', p)]],
  ['flocker', 'flocker', flocker],
  ['persistentVolumeClaim', 'persistentVolumeClaim', (s, p) => requireStr(s, 'claimName', p)],
  ['rbd', 'rbd', (s, p) => [
    ...(list(s.monitors as string[]).length ? [] : [fe.required(fe.child(p, 'monitors'), '')]), ...requireStr(s, 'image', p),
  ]],
  ['cinder', 'cinder', (s, p) => [...requireStr(s, 'volumeID', p), ...secretRefName(s, p)]],
  ['cephfs', 'cephfs', (s, p) => (list(s.monitors as string[]).length ? [] : [fe.required(fe.child(p, 'monitors'), '')])],
  ['quobyte', 'quobyte', quobyte],
  ['downwardAPI', 'downwardAPI', (s, p) => [
    ...fileMode(s.defaultMode, fe.child(p, 'defaultMode')),
    ...list(s.items as Obj[]).flatMap((f) => validateDownwardAPIFile(entry(f), p)),
  ]],
  ['fc', 'fc', fc],
  ['flexVolume', 'flexVolume', flex],
  ['configMap', 'configMap', (s, p) => [
    ...requireStr(s, 'name', p), ...fileMode(s.defaultMode, fe.child(p, 'defaultMode')),
    ...list(s.items as Obj[]).flatMap((kp, i) => validateKeyToPath(entry(kp), fe.index(fe.child(p, 'items'), i))),
  ]],
  ['azureFile', 'azureFile', (s, p) => [...requireStr(s, 'secretName', p), ...requireStr(s, 'shareName', p)]],
  ['vsphereVolume', 'vsphereVolume', (s, p) => requireStr(s, 'volumePath', p)],
  ['photonPersistentDisk', 'photonPersistentDisk', (s, p) => requireStr(s, 'pdID', p)],
  ['portworxVolume', 'portworxVolume', (s, p) => requireStr(s, 'volumeID', p)],
  ['azureDisk', 'azureDisk', azureDisk],
  ['storageos', 'storageos', storageos],
  ['projected', 'projected', validateProjected],
  ['scaleIO', 'scaleIO', (s, p) => [...requireStr(s, 'gateway', p), ...requireStr(s, 'system', p), ...requireStr(s, 'volumeName', p)]],
  ['csi', 'csi', csi],
  ['ephemeral', 'ephemeral', ephemeral],
  ['image', 'image', (s, p) => {
    const errs = requireStr(s, 'reference', p);
    const policy = str(s.pullPolicy);
    if (!policy) errs.push(fe.required(fe.child(p, 'pullPolicy'), ''));
    else if (!PULL_POLICIES.includes(policy)) errs.push(fe.notSupported(fe.child(p, 'pullPolicy'), policy, PULL_POLICIES));
    return errs;
  }],
];

/** Where Kubernetes reports "more than 1 volume type" for a source (a few differ from the field name). */
export const FORBIDDEN_PATH: Readonly<Record<string, string>> = { downwardAPI: 'downwarAPI', cephfs: 'cephFS' };
