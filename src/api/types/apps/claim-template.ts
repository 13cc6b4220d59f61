/**
 * The PersistentVolumeClaim as a StatefulSet claim template, and the defaults Kubernetes fills in
 * each template (apiVersion/kind, volumeMode Filesystem, status phase Pending).
 */
import { PersistentVolumeClaimSchema } from '../core/persistentvolumeclaim/index.js';

/** Claim templates are whole PersistentVolumeClaims. */
export const ClaimTemplateSchema = PersistentVolumeClaimSchema;

interface ClaimLike {
  apiVersion?: string;
  kind?: string;
  metadata?: Record<string, unknown>;
  spec?: { volumeMode?: string; [k: string]: unknown };
  status?: { phase?: string; [k: string]: unknown };
  [k: string]: unknown;
}

/** The defaults the API server applies to each volumeClaimTemplates entry. */
export function defaultClaimTemplate(claim: ClaimLike): void {
  // apps/v1 always writes these, whatever the request said.
  claim.apiVersion = 'v1';
  claim.kind = 'PersistentVolumeClaim';
  claim.metadata ??= {};
  // An embedded ObjectMeta's zero creation time is written as null, as Kubernetes writes it.
  if (!('creationTimestamp' in claim.metadata)) claim.metadata.creationTimestamp = null;
  claim.spec ??= {};
  claim.spec.volumeMode ??= 'Filesystem';
  claim.status ??= {};
  claim.status.phase ??= 'Pending';
}
