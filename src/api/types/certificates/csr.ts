/**
 * certificates.k8s.io/v1 CertificateSigningRequest: the ResourceDef (the status subresource here; the
 * server routes /approval to its own handler), the requester recorded on create, the spec.signerName
 * field selector, and `kubectl get csr` columns. The kubernetes.io signers run in the controller
 * manager (controllers/certificates).
 */
import { age, humanDuration } from '../../meta/age.js';
import type { ResourceDef } from '../../resource.js';
import { CertificateSigningRequestSchema } from './csr-schema.js';
import { recordRequester } from './csr-strategy.js';
import { validateCSR, validateCSRUpdate, type CertificateSigningRequestLike } from './csr-validation.js';

/** The CONDITION cell: Denied, Approved or Pending, then ",Failed" and ",Issued" when they apply. */
export function csrCondition(csr: CertificateSigningRequestLike): string {
  const types = new Set((csr.status?.conditions ?? []).map((c) => c.type));
  let s = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) s += ',Failed';
  if (csr.status?.certificate) s += ',Issued';
  return s;
}

export const certificatesigningrequests: ResourceDef = {
  group: 'certificates.k8s.io', version: 'v1', kind: 'CertificateSigningRequest',
  plural: 'certificatesigningrequests', singular: 'certificatesigningrequest',
  namespaced: false, shortNames: ['csr'],
  schema: CertificateSigningRequestSchema,
  subresources: { status: true },
  nameValidator: () => [],
  validate: (obj) => validateCSR(obj as CertificateSigningRequestLike),
  // Without the subresource, updates get the /status rules: approval conditions change only through /approval.
  validateUpdate: (obj, old) => validateCSRUpdate(obj as CertificateSigningRequestLike, old as CertificateSigningRequestLike, 'status'),
  prepareForCreate(obj, requester) {
    recordRequester(obj as CertificateSigningRequestLike, requester);
  },
  prepareForUpdate(obj, old) {
    // The spec of a request never changes.
    obj.spec = old.spec;
  },
  selectableFields: { 'spec.signerName': (obj) => (obj as CertificateSigningRequestLike).spec?.signerName ?? '' },
  table: {
    columns: [
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
      { name: 'SignerName', type: 'string', description: 'The signer asked to sign.', priority: 0 },
      { name: 'Requestor', type: 'string', description: 'Who made the request.', priority: 0 },
      { name: 'RequestedDuration', type: 'string', description: 'The validity asked for.', priority: 0 },
      { name: 'Condition', type: 'string', description: 'Whether the request is approved, denied, failed or issued.', priority: 0 },
    ],
    cells(obj, now) {
      const csr = obj as CertificateSigningRequestLike;
      const seconds = csr.spec?.expirationSeconds;
      return [
        age(obj.metadata.creationTimestamp, now), csr.spec?.signerName || '<none>', csr.spec?.username ?? '',
        seconds === undefined ? '<none>' : humanDuration(seconds * 1000), csrCondition(csr),
      ];
    },
  },
};
