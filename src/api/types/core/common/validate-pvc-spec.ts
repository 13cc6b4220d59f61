/**
 * Validation of a PersistentVolumeClaimSpec (ValidatePersistentVolumeClaimSpec), shared by
 * PersistentVolumeClaims, ephemeral pod volumes and StatefulSet claim templates.
 */
import * as fe from '../../../meta/field-errors.js';
import type { FieldError } from '../../../meta/field-errors.js';
import type { LabelSelector } from '../../../meta/label-selector.js';
import { isDNS1123Label, isDNS1123Subdomain } from '../../../meta/names.js';
import { parseQuantity } from '../../../meta/quantity.js';
import { validateResourceQuantityValue } from '../../../meta/resource-names.js';
import { validateLabelSelector } from '../../../meta/validate-meta.js';

export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'] as const;
export const VOLUME_MODES = ['Block', 'Filesystem'] as const;

interface TypedRef { apiGroup?: string | null; kind?: string; name?: string; namespace?: string | null }

export interface PersistentVolumeClaimSpecLike {
  accessModes?: string[];
  selector?: LabelSelector;
  resources?: { requests?: Record<string, string | number>; limits?: Record<string, string | number> };
  volumeName?: string;
  storageClassName?: string | null;
  volumeMode?: string | null;
  dataSource?: TypedRef | null;
  dataSourceRef?: TypedRef | null;
  volumeAttributesClassName?: string | null;
}

function validateRef(ref: TypedRef, path: string, withNamespace: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (!ref.name) errs.push(fe.required(fe.child(path, 'name'), ''));
  if (!ref.kind) errs.push(fe.required(fe.child(path, 'kind'), ''));
  const group = ref.apiGroup ?? '';
  if (!group && ref.kind !== 'PersistentVolumeClaim') {
    errs.push(fe.invalid(path, ref.kind ?? '', "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
  }
  if (group) for (const m of isDNS1123Subdomain(group)) errs.push(fe.invalid(fe.child(path, 'apiGroup'), group, m));
  if (withNamespace && ref.namespace) {
    for (const m of isDNS1123Label(ref.namespace)) errs.push(fe.invalid(fe.child(path, 'namespace'), ref.namespace, m));
  }
  return errs;
}

export function validatePersistentVolumeClaimSpec(spec: PersistentVolumeClaimSpecLike, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const modes = Array.isArray(spec.accessModes) ? spec.accessModes : [];
  if (modes.length === 0) errs.push(fe.required(fe.child(path, 'accessModes'), 'at least 1 access mode is required'));
  if (spec.selector) errs.push(...validateLabelSelector(spec.selector, fe.child(path, 'selector')));
  let rwop = false;
  let other = false;
  for (const m of modes) {
    if (!(ACCESS_MODES as readonly string[]).includes(m)) errs.push(fe.notSupported(fe.child(path, 'accessModes'), m, ACCESS_MODES));
    else if (m === 'ReadWriteOncePod') rwop = true;
    else other = true;
  }
  if (rwop && other) errs.push(fe.forbidden(fe.child(path, 'accessModes'), 'may not use ReadWriteOncePod with other access modes'));
  const storagePath = `${fe.child(path, 'resources')}[storage]`;
  const storage = spec.resources?.requests?.storage;
  if (storage === undefined || storage === null) {
    errs.push(fe.required(storagePath, ''));
  } else {
    const n = parseQuantity(storage);
    if (n !== undefined && n <= 0) errs.push(fe.invalid(storagePath, String(storage), 'must be greater than zero'));
    else errs.push(...validateResourceQuantityValue('storage', storage, storagePath));
  }
  if (spec.storageClassName) {
    for (const m of isDNS1123Subdomain(spec.storageClassName)) errs.push(fe.invalid(fe.child(path, 'storageClassName'), spec.storageClassName, m));
  }
  if (spec.volumeMode !== undefined && spec.volumeMode !== null && !(VOLUME_MODES as readonly string[]).includes(spec.volumeMode)) {
    errs.push(fe.notSupported(fe.child(path, 'volumeMode'), spec.volumeMode, VOLUME_MODES));
  }
  if (spec.dataSource) errs.push(...validateRef(spec.dataSource, fe.child(path, 'dataSource'), false));
  if (spec.dataSourceRef) errs.push(...validateRef(spec.dataSourceRef, fe.child(path, 'dataSourceRef'), true));
  if (spec.dataSourceRef?.namespace) {
    if (spec.dataSource) errs.push(fe.invalid(path, fe.child(path, 'dataSource'), 'may not be specified when dataSourceRef.namespace is specified'));
  } else if (spec.dataSource && spec.dataSourceRef) {
    const a = spec.dataSource;
    const b = spec.dataSourceRef;
    if ((a.apiGroup ?? null) !== (b.apiGroup ?? null) || a.kind !== b.kind || a.name !== b.name) {
      errs.push(fe.invalid(path, fe.child(path, 'dataSource'), 'must match dataSourceRef'));
    }
  }
  if (spec.volumeAttributesClassName) {
    for (const m of isDNS1123Subdomain(spec.volumeAttributesClassName)) {
      errs.push(fe.invalid(fe.child(path, 'volumeAttributesClassName'), spec.volumeAttributesClassName, m));
    }
  }
  return errs;
}

/** SetDefaults_PersistentVolumeClaimSpec: volumeMode Filesystem. */
export function defaultPersistentVolumeClaimSpec(spec: PersistentVolumeClaimSpecLike): void {
  if (spec.volumeMode === undefined || spec.volumeMode === null) spec.volumeMode = 'Filesystem';
}
