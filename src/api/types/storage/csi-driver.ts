/**
 * storage.k8s.io/v1 CSIDriver: how Kubernetes talks to a CSI volume driver installed in the cluster
 * (attach, pod info on mount, capacity tracking, tokens, lifecycle modes). navarch runs no CSI
 * drivers; the objects are stored for the tools that read them.
 */
import { age } from '../../meta/age.js';
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import { kindFields } from '../../meta/type-fields.js';
import type { ResourceDef } from '../../resource.js';
import { boolean, enumOf, field, int64, listOf, object, string } from '../../schema/build.js';
import { validateCSIDriverName } from './csi-name.js';

export const CSIDriverSchema = object('io.k8s.api.storage.v1.CSIDriver', 'A CSI volume driver installed in the cluster; named after the driver.', () => ({
  ...kindFields(),
  spec: field(object('io.k8s.api.storage.v1.CSIDriverSpec', 'How the driver is used.', () => ({
    attachRequired: field(boolean, 'Whether volumes must be attached (VolumeAttachment) before mounting; default true.', { proto: 1 }),
    podInfoOnMount: field(boolean, 'Whether the pod\'s name, namespace, uid and service account are passed on mount; default false.', { proto: 2 }),
    volumeLifecycleModes: field(listOf(enumOf('Ephemeral', 'Persistent')), 'Persistent and/or Ephemeral (inline) volumes; default Persistent.', { proto: 3, listType: 'set' }),
    storageCapacity: field(boolean, 'Whether the scheduler considers CSIStorageCapacity objects of the driver; default false.', { proto: 4 }),
    fsGroupPolicy: field(enumOf('File', 'None', 'ReadWriteOnceWithFSType'), 'Whether volumes get the pod\'s fsGroup ownership; default ReadWriteOnceWithFSType.', { proto: 5 }),
    tokenRequests: field(listOf(object('io.k8s.api.storage.v1.TokenRequest', 'A service account token the driver receives on mount.', () => ({
      audience: field(string, 'Audience of the token.', { required: true, proto: 1 }),
      expirationSeconds: field(int64, 'Validity of the token in seconds.', { proto: 2 }),
    }))), 'Service account tokens passed to the driver on mount.', { proto: 6, listType: 'atomic' }),
    requiresRepublish: field(boolean, 'Whether NodePublishVolume is called again periodically; default false.', { proto: 7 }),
    seLinuxMount: field(boolean, 'Whether the driver supports the SELinux "-o context" mount option; default false.', { proto: 8 }),
  })), 'How the driver is used.', { required: true, proto: 2 }),
}), { gvk: { group: 'storage.k8s.io', version: 'v1', kind: 'CSIDriver' } });

export interface CSIDriverLike extends KObject {
  spec?: {
    attachRequired?: boolean; podInfoOnMount?: boolean; volumeLifecycleModes?: string[]; storageCapacity?: boolean; fsGroupPolicy?: string;
    tokenRequests?: Array<{ audience?: string; expirationSeconds?: number }>; requiresRepublish?: boolean; seLinuxMount?: boolean;
  };
}

/** SetDefaults_CSIDriver. */
export function defaultCSIDriver(d: CSIDriverLike): void {
  const s = (d.spec ??= {});
  s.attachRequired ??= true;
  s.podInfoOnMount ??= false;
  s.storageCapacity ??= false;
  s.fsGroupPolicy ??= 'ReadWriteOnceWithFSType';
  if (!s.volumeLifecycleModes?.length) s.volumeLifecycleModes = ['Persistent'];
  s.requiresRepublish ??= false;
  s.seLinuxMount ??= false;
}

const POLICIES = ['File', 'None', 'ReadWriteOnceWithFSType'];
const MODES = ['Ephemeral', 'Persistent'];

export function validateCSIDriver(d: CSIDriverLike): FieldError[] {
  const s = d.spec ?? {};
  const errs: FieldError[] = [...validateCSIDriverName(d.metadata.name, 'metadata.name').filter((e) => e.type !== 'FieldValueRequired')];
  if (s.attachRequired === undefined) errs.push(fe.required('spec.attachRequired', ''));
  if (s.podInfoOnMount === undefined) errs.push(fe.required('spec.podInfoOnMount', ''));
  if (s.fsGroupPolicy !== undefined && !POLICIES.includes(s.fsGroupPolicy)) errs.push(fe.notSupported('spec.fsGroupPolicy', s.fsGroupPolicy, POLICIES));
  (s.volumeLifecycleModes ?? []).forEach((m, i) => { if (!MODES.includes(m)) errs.push(fe.notSupported(`spec.volumeLifecycleModes[${i}]`, m, MODES)); });
  const audiences = new Set<string>();
  (s.tokenRequests ?? []).forEach((t, i) => {
    const p = `spec.tokenRequests[${i}]`;
    if (audiences.has(t.audience ?? '')) errs.push(fe.duplicate(`${p}.audience`, t.audience ?? ''));
    audiences.add(t.audience ?? '');
    const exp = t.expirationSeconds;
    if (exp !== undefined && exp < 600) errs.push(fe.invalid(`${p}.expirationSeconds`, exp, 'may not specify a duration less than 10 minutes'));
    if (exp !== undefined && exp > 2 ** 32) errs.push(fe.invalid(`${p}.expirationSeconds`, exp, 'may not specify a duration larger than 2^32 seconds'));
  });
  return errs;
}

export const csidrivers: ResourceDef = {
  group: 'storage.k8s.io', version: 'v1', kind: 'CSIDriver', plural: 'csidrivers', singular: 'csidriver',
  namespaced: false,
  schema: CSIDriverSchema,
  defaults: (obj) => defaultCSIDriver(obj as CSIDriverLike),
  validate: (obj) => validateCSIDriver(obj as CSIDriverLike),
  table: {
    columns: [
      { name: 'AttachRequired', type: 'boolean', description: 'Whether volumes must be attached before mounting.', priority: 0 },
      { name: 'PodInfoOnMount', type: 'boolean', description: 'Whether pod information is passed on mount.', priority: 0 },
      { name: 'StorageCapacity', type: 'boolean', description: 'Whether storage capacity is tracked.', priority: 0 },
      { name: 'TokenRequests', type: 'string', description: 'Audiences of the tokens passed on mount.', priority: 0 },
      { name: 'RequiresRepublish', type: 'boolean', description: 'Whether volumes are published again periodically.', priority: 0 },
      { name: 'Modes', type: 'string', description: 'Volume lifecycle modes.', priority: 0 },
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
    ],
    cells(obj, now) {
      const s = (obj as CSIDriverLike).spec ?? {};
      const modes = (s.volumeLifecycleModes ?? []).join(',') || '<none>';
      const tokens = s.tokenRequests === undefined ? '<unset>' : s.tokenRequests.map((t) => t.audience ?? '').join(',');
      return [s.attachRequired ?? true, s.podInfoOnMount ?? false, s.storageCapacity ?? false, tokens, s.requiresRepublish ?? false, modes,
        age(obj.metadata.creationTimestamp, now)];
    },
  },
};
