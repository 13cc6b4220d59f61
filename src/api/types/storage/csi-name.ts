/** ValidateCSIDriverName: a CSI driver's name, at most 63 characters, a DNS subdomain once lower-cased. */
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { isDNS1123Subdomain } from '../../meta/names.js';

export function validateCSIDriverName(name: string | undefined, path: string): FieldError[] {
  const n = name ?? '';
  const errs: FieldError[] = [];
  if (!n) errs.push(fe.required(path, ''));
  if (n.length > 63) errs.push(fe.tooLong(path, 63));
  for (const m of isDNS1123Subdomain(n.toLowerCase())) errs.push(fe.invalid(path, n, m));
  return errs;
}
