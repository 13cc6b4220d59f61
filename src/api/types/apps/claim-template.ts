/**
 * The PersistentVolumeClaim as a StatefulSet claim template, and the defaults Kubernetes fills in
 * each template (apiVersion/kind, volumeMode Filesystem, status phase Pending).
 */
import type { ObjectSchema } from '../../schema/schema.js';
// TODO: use the core PersistentVolumeClaim schema once src/api/types/core/persistentvolumeclaim exports it.
import { PersistentVolumeClaimSpecSchema } from '../core/common/index.js';
import { kindFields } from '../../meta/type-fields.js';
import { anyValue, field, object } from '../../schema/build.js';

export const ClaimTemplateSchema: ObjectSchema = object('io.k8s.api.core.v1.PersistentVolumeClaim', 'A request for storage.', () => ({
  ...kindFields(),
  spec: field(PersistentVolumeClaimSpecSchema, 'What storage is asked for.', { proto: 2 }),
  status: field(anyValue, 'Observed state of the claim.', { proto: 3 }),
}), { gvk: { group: '', version: 'v1', kind: 'PersistentVolumeClaim' } });

interface ClaimLike {
  apiVersion?: string;
  kind?: string;
  spec?: { volumeMode?: string; [k: string]: unknown };
  status?: { phase?: string; [k: string]: unknown };
  [k: string]: unknown;
}

/** The defaults the API server applies to each volumeClaimTemplates entry. */
export function defaultClaimTemplate(claim: ClaimLike): void {
  claim.apiVersion ??= 'v1';
  claim.kind ??= 'PersistentVolumeClaim';
  claim.spec ??= {};
  claim.spec.volumeMode ??= 'Filesystem';
  claim.status ??= {};
  claim.status.phase ??= 'Pending';
}
