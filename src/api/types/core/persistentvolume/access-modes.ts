/** Access modes of volumes and claims: validation and the short form tables show ("RWO,ROX"). */
import * as fe from '../../../meta/field-errors.js';
import type { FieldError } from '../../../meta/field-errors.js';
import { ACCESS_MODES } from '../common/index.js';

/** "RWO,ROX,RWX,RWOP" in that order, duplicates removed (printers.go GetAccessModesAsString). */
export function accessModesString(modes: string[] | undefined): string {
  const has = new Set(modes ?? []);
  const out: string[] = [];
  if (has.has('ReadWriteOnce')) out.push('RWO');
  if (has.has('ReadOnlyMany')) out.push('ROX');
  if (has.has('ReadWriteMany')) out.push('RWX');
  if (has.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

/** Known modes only, and ReadWriteOncePod alone. `requiredDetail` is the detail of the Required error. */
export function validateAccessModes(modes: string[] | undefined, path: string, requiredDetail = ''): FieldError[] {
  const errs: FieldError[] = [];
  if (!modes?.length) errs.push(fe.required(path, requiredDetail));
  let rwop = false;
  let other = false;
  for (const m of modes ?? []) {
    if (!(ACCESS_MODES as readonly string[]).includes(m)) errs.push(fe.notSupported(path, m, ACCESS_MODES));
    if (m === 'ReadWriteOncePod') rwop = true;
    else if ((ACCESS_MODES as readonly string[]).includes(m)) other = true;
  }
  if (rwop && other) errs.push(fe.forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

/** The storage class of a volume or claim: the beta annotation wins over the field. */
export function storageClassOf(obj: { metadata: { annotations?: Record<string, string> }; spec?: { storageClassName?: string | null } }): string {
  const ann = obj.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'];
  if (ann !== undefined) return ann;
  return obj.spec?.storageClassName ?? '';
}
