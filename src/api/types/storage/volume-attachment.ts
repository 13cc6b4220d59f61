/**
 * storage.k8s.io/v1 VolumeAttachment: the request that a CSI driver attach a volume to a node, and
 * whether it did. navarch attaches nothing (its volumes are node-local); the objects are stored as given.
 */
import { age } from '../../meta/age.js';
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { isDNS1123Subdomain } from '../../meta/names.js';
import type { KObject } from '../../meta/object-meta.js';
import { kindFields } from '../../meta/type-fields.js';
import type { ResourceDef } from '../../resource.js';
import { boolean, field, object, string, stringMap, time } from '../../schema/build.js';
import type { ObjectSchema } from '../../schema/schema.js';
import { PersistentVolumeSpecSchema } from '../core/persistentvolume/index.js';
import { goInvalid, goPointer } from '../apps/go-format.js';
import { deepEqual } from '../apps/value-rules.js';
import { validateCSIDriverName } from './csi-name.js';

const VolumeErrorSchema: ObjectSchema = object('io.k8s.api.storage.v1.VolumeError', 'An error met attaching or detaching.', () => ({
  time: field(time, 'When the error happened.', { proto: 1 }),
  message: field(string, 'What went wrong.', { proto: 2 }),
}));

export const VolumeAttachmentSchema = object('io.k8s.api.storage.v1.VolumeAttachment', 'A request to attach a volume to a node, and its outcome.', () => ({
  ...kindFields(),
  spec: field(object('io.k8s.api.storage.v1.VolumeAttachmentSpec', 'What to attach where; cannot change.', () => ({
    attacher: field(string, 'The CSI driver that attaches (its name).', { required: true, proto: 1 }),
    source: field(object('io.k8s.api.storage.v1.VolumeAttachmentSource', 'The volume: a PersistentVolume by name or an inline spec.', () => ({
      persistentVolumeName: field(string, 'Name of the PersistentVolume to attach.', { proto: 1 }),
      inlineVolumeSpec: field(PersistentVolumeSpecSchema, 'The spec of a migrated inline volume.', { proto: 2 }),
    })), 'The volume to attach.', { required: true, proto: 2 }),
    nodeName: field(string, 'The node to attach it to.', { required: true, proto: 3 }),
  })), 'What to attach where.', { required: true, proto: 2 }),
  status: field(object('io.k8s.api.storage.v1.VolumeAttachmentStatus', 'Outcome, written by the attacher.', () => ({
    attached: field(boolean, 'Whether the volume is attached.', { required: true, proto: 1 }),
    attachmentMetadata: field(stringMap, 'Information the attacher returned, passed on to mount.', { proto: 2 }),
    attachError: field(VolumeErrorSchema, 'The last attach error.', { proto: 3 }),
    detachError: field(VolumeErrorSchema, 'The last detach error.', { proto: 4 }),
  })), 'Outcome, written by the attacher.', { proto: 3 }),
}), { gvk: { group: 'storage.k8s.io', version: 'v1', kind: 'VolumeAttachment' } });

export interface VolumeAttachmentLike extends KObject {
  spec?: { attacher?: string; source?: { persistentVolumeName?: string; inlineVolumeSpec?: unknown }; nodeName?: string };
  status?: { attached?: boolean; attachmentMetadata?: Record<string, string> };
}

export function validateVolumeAttachment(va: VolumeAttachmentLike): FieldError[] {
  const spec = va.spec ?? {};
  const errs: FieldError[] = [...validateCSIDriverName(spec.attacher, 'spec.attacher')];
  const src = spec.source ?? {};
  const pv = src.persistentVolumeName;
  if ((pv === undefined) === (src.inlineVolumeSpec === undefined)) {
    const shown = `storage.VolumeAttachmentSource{PersistentVolumeName:${goPointer('string', pv)}, InlineVolumeSpec:${goPointer('core.PersistentVolumeSpec', src.inlineVolumeSpec)}}`;
    errs.push(goInvalid('spec.source', shown, 'must specify exactly one of inlineVolumeSpec and persistentVolumeName'));
  } else if (pv !== undefined) {
    if (!pv) errs.push(fe.required('spec.source.persistentVolumeName', 'must specify non empty persistentVolumeName'));
  }
  if (!spec.nodeName) errs.push(fe.required('spec.nodeName', ''));
  else for (const m of isDNS1123Subdomain(spec.nodeName)) errs.push(fe.invalid('spec.nodeName', spec.nodeName, m));
  return errs;
}

export const volumeattachments: ResourceDef = {
  group: 'storage.k8s.io', version: 'v1', kind: 'VolumeAttachment', plural: 'volumeattachments', singular: 'volumeattachment',
  namespaced: false,
  schema: VolumeAttachmentSchema,
  subresources: { status: true },
  validate: (obj) => validateVolumeAttachment(obj as VolumeAttachmentLike),
  validateUpdate: (obj, old) => (deepEqual(obj.spec, old.spec) ? [] : [fe.invalid('spec', obj.spec, 'field is immutable')]),
  table: {
    columns: [
      { name: 'Attacher', type: 'string', description: 'The CSI driver that attaches.', priority: 0 },
      { name: 'PV', type: 'string', description: 'The PersistentVolume attached.', priority: 0 },
      { name: 'Node', type: 'string', description: 'The node the volume is attached to.', priority: 0 },
      { name: 'Attached', type: 'boolean', description: 'Whether the volume is attached.', priority: 0 },
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
    ],
    cells(obj, now) {
      const va = obj as VolumeAttachmentLike;
      return [va.spec?.attacher ?? '', va.spec?.source?.persistentVolumeName ?? '', va.spec?.nodeName ?? '', va.status?.attached ?? false,
        age(obj.metadata.creationTimestamp, now)];
    },
  },
};
