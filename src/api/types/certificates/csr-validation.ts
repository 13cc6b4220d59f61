/**
 * Kubernetes' validation of CertificateSigningRequests: the request is a PEM "CERTIFICATE REQUEST"
 * (navarch checks the block, not the signature), usages known and unique, a well-formed signer name,
 * expirationSeconds of at least 600, Approved/Denied/Failed conditions only True and Approved and
 * Denied not together; on update, approval conditions change only through /approval and are never removed.
 */
import { decodeBase64 } from '../../meta/base64.js';
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { isDNS1123Label, isDNS1123Subdomain } from '../../meta/names.js';
import type { KObject } from '../../meta/object-meta.js';
import { goInvalid } from '../apps/go-format.js';
import { KEY_USAGES } from './csr-schema.js';

export interface CSRCondition { type?: string; status?: string; reason?: string; message?: string; lastUpdateTime?: string; lastTransitionTime?: string }
export interface CertificateSigningRequestLike extends KObject {
  spec?: { request?: string; signerName?: string; expirationSeconds?: number; usages?: string[]; username?: string; uid?: string; groups?: string[]; extra?: Record<string, string[]> };
  status?: { conditions?: CSRCondition[]; certificate?: string };
}

const TRUE_ONLY = ['Approved', 'Denied', 'Failed'];

function pemType(text: string): string | undefined {
  return /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text)?.[1];
}

/** Go's %#v of a []byte, as Kubernetes prints the bad value of spec.request. */
function goBytes(b: Uint8Array): string {
  return `[]byte{${[...b].map((x) => `0x${x.toString(16)}`).join(', ')}}`;
}

function validateRequest(request: string | undefined): FieldError[] {
  const decoded = decodeBase64(request ?? '');
  const data = 'bytes' in decoded ? decoded.bytes : new Uint8Array();
  if (pemType(new TextDecoder().decode(data)) === 'CERTIFICATE REQUEST') return [];
  return [goInvalid('spec.request', goBytes(data), 'PEM block type must be CERTIFICATE REQUEST')];
}

/** ValidateSignerName: "<domain with a dot>/<path>". */
export function validateSignerName(name: string | undefined, path: string): FieldError[] {
  if (!name) return [fe.required(path, '')];
  const segs = name.split('/');
  if (segs.length !== 2) return [fe.invalid(path, name, "must be a fully qualified domain and path of the form 'example.com/signer-name'")];
  const errs: FieldError[] = [];
  const [domain, rest] = segs;
  if (domain.length > 253) errs.push(fe.tooLong(path, 253));
  const labels = domain.split('.');
  for (const l of labels) {
    const m = isDNS1123Label(l);
    if (m.length) { for (const msg of m) errs.push(fe.invalid(path, domain, `validating label ${JSON.stringify(l)}: ${msg}`)); break; }
  }
  if (labels.length < 2) errs.push(fe.invalid(path, domain, 'should be a domain with at least two segments separated by dots'));
  for (const c of rest.split('.')) {
    const m = isDNS1123Subdomain(c);
    if (m.length) { for (const msg of m) errs.push(fe.invalid(path, rest, `validating component ${JSON.stringify(c)}: ${msg}`)); break; }
  }
  return errs;
}

function validateConditions(conds: CSRCondition[]): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  let approved = false;
  let denied = false;
  conds.forEach((c, i) => {
    const p = fe.index('status.conditions', i);
    if (!c.type) errs.push(fe.required(fe.child(p, 'type'), ''));
    const allowed = TRUE_ONLY.includes(c.type ?? '') ? ['True'] : ['False', 'True', 'Unknown'];
    if (!c.status) errs.push(fe.required(fe.child(p, 'status'), ''));
    else if (!allowed.includes(c.status)) errs.push(fe.notSupported(fe.child(p, 'status'), c.status, allowed));
    if (c.type === 'Approved') { approved = true; if (denied) errs.push(fe.invalid('status.conditions', c.type, 'Approved and Denied conditions are mutually exclusive')); }
    if (c.type === 'Denied') { denied = true; if (approved) errs.push(fe.invalid('status.conditions', c.type, 'Approved and Denied conditions are mutually exclusive')); }
    if (seen.has(c.type ?? '')) errs.push(fe.duplicate(fe.child(p, 'type'), c.type ?? ''));
    seen.add(c.type ?? '');
  });
  return errs;
}

export function validateCSR(csr: CertificateSigningRequestLike): FieldError[] {
  const spec = csr.spec ?? {};
  const errs: FieldError[] = [...validateRequest(spec.request)];
  const usages = spec.usages ?? [];
  if (usages.length === 0) errs.push(fe.required('spec.usages', ''));
  usages.forEach((u, i) => { if (!(KEY_USAGES as readonly string[]).includes(u)) errs.push(fe.notSupported(fe.index('spec.usages', i), u, KEY_USAGES)); });
  const seen = new Set<string>();
  usages.forEach((u, i) => { if (seen.has(u)) errs.push(fe.duplicate(fe.index('spec.usages', i), u)); seen.add(u); });
  if (spec.signerName === 'kubernetes.io/legacy-unknown') errs.push(fe.invalid('spec.signerName', spec.signerName, 'the legacy signerName is not allowed via this API version'));
  else errs.push(...validateSignerName(spec.signerName, 'spec.signerName'));
  if (spec.expirationSeconds !== undefined && spec.expirationSeconds < 600) {
    errs.push(fe.invalid('spec.expirationSeconds', spec.expirationSeconds, 'may not specify a duration less than 600 seconds (10 minutes)'));
  }
  errs.push(...validateConditions(csr.status?.conditions ?? []));
  return errs;
}

const ofType = (csr: CertificateSigningRequestLike, t: string): CSRCondition[] => (csr.status?.conditions ?? []).filter((c) => c.type === t);

/**
 * The update rules: Approved/Denied/Failed conditions are never removed; Approved/Denied are added or
 * changed only through the approval subresource; the certificate only through status.
 */
export function validateCSRUpdate(csr: CertificateSigningRequestLike, old: CertificateSigningRequestLike, subresource?: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const t of TRUE_ONLY) {
    if (ofType(csr, t).length < ofType(old, t).length) errs.push(fe.forbidden('status.conditions', `updates may not remove a condition of type ${JSON.stringify(t)}`));
  }
  if (subresource !== 'approval') {
    for (const t of ['Approved', 'Denied']) {
      const [n, o] = [ofType(csr, t), ofType(old, t)];
      if (n.length > o.length) errs.push(fe.forbidden('status.conditions', `updates may not add a condition of type ${JSON.stringify(t)}`));
      else if (n.length === o.length && JSON.stringify(n) !== JSON.stringify(o)) errs.push(fe.forbidden('status.conditions', `updates may not modify a condition of type ${JSON.stringify(t)}`));
    }
  }
  if ((csr.status?.certificate ?? '') !== (old.status?.certificate ?? '')) {
    if (subresource !== 'status') errs.push(fe.forbidden('status.certificate', 'updates may not set certificate content'));
    else if (old.status?.certificate) errs.push(fe.forbidden('status.certificate', 'updates may not modify existing certificate content'));
  }
  return errs;
}
