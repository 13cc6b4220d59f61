/** Claim update rules with Kubernetes' wording (ValidatePersistentVolumeClaimUpdate). */
import * as fe from '../../../meta/field-errors.js';
import type { FieldError } from '../../../meta/field-errors.js';
import { compareQuantities } from '../../../meta/quantity.js';
import type { PersistentVolumeClaimLike, PVCSpec } from './schema.js';

const STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/**
 * A claim's spec is fixed after creation, except: volumeName may be set once, storageClassName may go
 * from unset to set, and a bound claim may grow its storage request or change its attributes class.
 */
export function validatePersistentVolumeClaimUpdate(pvc: PersistentVolumeClaimLike, old: PersistentVolumeClaimLike): FieldError[] {
  const errs: FieldError[] = [];
  const spec: PVCSpec = structuredClone(pvc.spec ?? {});
  const prev: PVCSpec = structuredClone(old.spec ?? {});
  if (!prev.volumeName && spec.volumeName) prev.volumeName = spec.volumeName;
  const oldAnn = old.metadata.annotations?.[STORAGE_CLASS_ANNOTATION];
  const newAnn = pvc.metadata.annotations?.[STORAGE_CLASS_ANNOTATION];
  const upgradeFromAnnotation = oldAnn !== undefined && prev.storageClassName === undefined
    && spec.storageClassName !== undefined && spec.storageClassName === oldAnn && (newAnn === undefined || newAnn === oldAnn);
  if (upgradeFromAnnotation) {
    delete spec.storageClassName;
  } else {
    if ((newAnn ?? '') !== (oldAnn ?? '')) errs.push(fe.invalid(`metadata.annotations.${STORAGE_CLASS_ANNOTATION}`, newAnn ?? '', 'field is immutable'));
    if (spec.storageClassName !== undefined && prev.storageClassName === undefined && (oldAnn === undefined || spec.storageClassName === oldAnn)) {
      prev.storageClassName = spec.storageClassName;
    }
  }
  const bound = pvc.status?.phase === 'Bound';
  if (bound && spec.resources?.requests) {
    const oldStorage = old.spec?.resources?.requests?.storage;
    if (oldStorage === undefined) delete spec.resources.requests.storage;
    else spec.resources.requests.storage = oldStorage;
  }
  if (bound && spec.volumeAttributesClassName !== undefined) {
    if (prev.volumeAttributesClassName === undefined) delete spec.volumeAttributesClassName;
    else spec.volumeAttributesClassName = prev.volumeAttributesClassName;
  }
  const a = JSON.stringify(canonical(spec));
  const b = JSON.stringify(canonical(prev));
  if (a !== b) {
    errs.push(fe.forbidden('spec', `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n- ${b}\n+ ${a}`));
  }
  const newSize = pvc.spec?.resources?.requests?.storage ?? 0;
  const oldSize = old.spec?.resources?.requests?.storage ?? 0;
  if (compareQuantities(newSize, oldSize) < 0 && compareQuantities(newSize, old.status?.capacity?.storage ?? 0) <= 0) {
    errs.push(fe.forbidden('spec.resources.requests.storage', 'field can not be less than status.capacity'));
  }
  if ((pvc.spec?.volumeMode ?? null) !== (old.spec?.volumeMode ?? null)) errs.push(fe.invalid('volumeMode', pvc.spec?.volumeMode ?? null, 'field is immutable'));
  if (old.spec?.volumeAttributesClassName !== undefined) {
    if (pvc.spec?.volumeAttributesClassName === undefined) errs.push(fe.forbidden('spec.volumeAttributesClassName', 'update from non-nil value to nil is forbidden'));
    else if (pvc.spec.volumeAttributesClassName === '') errs.push(fe.forbidden('spec.volumeAttributesClassName', 'update from non-nil value to an empty string is forbidden'));
  }
  return errs;
}

/** Key-sorted copy, so that field order does not count as a change. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canonical(x)]));
  }
  return v;
}
