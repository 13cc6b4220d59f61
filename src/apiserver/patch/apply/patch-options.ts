/**
 * The fieldManager and force options of writes. A request without fieldManager is recorded under
 * the prefix of its User-Agent before the first "/" ("kubectl/v1.32.0 (linux/amd64) …" → "kubectl"),
 * as Kubernetes does; apply requires fieldManager and only apply accepts force.
 */
import { fe, invalid, type FieldError } from '../../../api/index.js';

export const FIELD_MANAGER_MAX_LENGTH = 128;

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]|[^\P{Zs} ]/u;

function printable(ch: string): boolean {
  return !NON_PRINTABLE.test(ch);
}

/** The printable characters of the User-Agent before its first "/", at most 128 bytes. */
export function managerFromUserAgent(userAgent: string | undefined): string {
  const head = (userAgent ?? '').split('/')[0];
  let out = '';
  let bytes = 0;
  for (const ch of head) {
    if (!printable(ch)) continue;
    const n = Buffer.byteLength(ch);
    if (bytes + n > FIELD_MANAGER_MAX_LENGTH) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/** The manager a write is recorded under: the fieldManager parameter, else the User-Agent's prefix. */
export function fieldManagerOf(query: URLSearchParams, userAgent: string | undefined): string {
  const m = query.get('fieldManager');
  return m ? m : managerFromUserAgent(userAgent);
}

function validateFieldManager(name: string): FieldError[] {
  const errs: FieldError[] = [];
  if (Buffer.byteLength(name) > FIELD_MANAGER_MAX_LENGTH) errs.push(fe.tooLong('fieldManager', FIELD_MANAGER_MAX_LENGTH));
  let i = 0;
  for (const ch of name) {
    if (!printable(ch)) {
      const cp = ch.codePointAt(0) ?? 0;
      const hex = cp.toString(16).toUpperCase().padStart(4, '0');
      errs.push(fe.invalid('fieldManager', name, `invalid character U+${hex} (at position ${i})`));
    }
    i += Buffer.byteLength(ch);
  }
  return errs;
}

/** Checks PatchOptions as Kubernetes does: 422 on PatchOptions.meta.k8s.io. */
export function validatePatchOptions(query: URLSearchParams, isApply: boolean): void {
  const errs: FieldError[] = [];
  const manager = query.get('fieldManager') ?? '';
  if (isApply) {
    if (!manager) errs.push(fe.required('fieldManager', 'is required for apply patch'));
  } else if (query.has('force')) {
    errs.push(fe.forbidden('force', 'may not be specified for non-apply patch'));
  }
  errs.push(...validateFieldManager(manager));
  if (errs.length) throw invalid({ group: 'meta.k8s.io', kind: 'PatchOptions' }, '', errs);
}

/** The force parameter, read as Go's strconv.ParseBool reads it. */
export function forceOf(query: URLSearchParams): boolean {
  return ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(query.get('force') ?? '');
}
