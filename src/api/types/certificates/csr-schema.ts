/** The schema of certificates.k8s.io/v1 CertificateSigningRequest. */
import { kindFields } from '../../meta/type-fields.js';
import { bytes, enumOf, field, int32, listOf, mapOf, object, string, time } from '../../schema/build.js';

export const KEY_USAGES = [
  'any', 'cert sign', 'client auth', 'code signing', 'content commitment', 'crl sign', 'data encipherment', 'decipher only',
  'digital signature', 'email protection', 'encipher only', 'ipsec end system', 'ipsec tunnel', 'ipsec user', 'key agreement',
  'key encipherment', 'microsoft sgc', 'netscape sgc', 'ocsp signing', 's/mime', 'server auth', 'signing', 'timestamping',
] as const;

export const CertificateSigningRequestConditionSchema = object('io.k8s.api.certificates.v1.CertificateSigningRequestCondition', 'One state of the request: Approved, Denied or Failed.', () => ({
  type: field(string, 'Approved, Denied, Failed, or another type.', { required: true, proto: 1 }),
  status: field(enumOf('False', 'True', 'Unknown'), 'True, False or Unknown; Approved, Denied and Failed must be True.', { required: true, proto: 6 }),
  reason: field(string, 'Machine-readable cause.', { proto: 2 }),
  message: field(string, 'Human-readable details.', { proto: 3 }),
  lastUpdateTime: field(time, 'When the condition was last updated.', { proto: 4 }),
  lastTransitionTime: field(time, 'When the status last changed.', { proto: 5 }),
}));

export const CertificateSigningRequestSchema = object('io.k8s.api.certificates.v1.CertificateSigningRequest', 'Asks a signer for an X.509 certificate; approved or denied, then signed by the signer.', () => ({
  ...kindFields(),
  spec: field(object('io.k8s.api.certificates.v1.CertificateSigningRequestSpec', 'The request; immutable once created.', () => ({
    request: field(bytes, 'PEM-encoded PKCS#10 certificate request ("CERTIFICATE REQUEST" block).', { required: true, proto: 1 }),
    signerName: field(string, 'The signer asked to sign, e.g. kubernetes.io/kube-apiserver-client.', { required: true, proto: 7 }),
    expirationSeconds: field(int32, 'Requested validity, at least 600 seconds; the signer may choose otherwise.', { proto: 8 }),
    usages: field(listOf(enumOf(...KEY_USAGES)), 'Key usages asked for (e.g. "digital signature", "client auth").', { proto: 5, listType: 'atomic' }),
    username: field(string, 'The requester (set by the server).', { proto: 2 }),
    uid: field(string, 'UID of the requester (set by the server).', { proto: 3 }),
    groups: field(listOf(string), 'Groups of the requester (set by the server).', { proto: 4, listType: 'atomic' }),
    extra: field(mapOf(listOf(string)), 'Extra attributes of the requester (set by the server).', { proto: 6 }),
  })), 'The request.', { required: true, proto: 2 }),
  status: field(object('io.k8s.api.certificates.v1.CertificateSigningRequestStatus', 'Approval and the issued certificate.', () => ({
    conditions: field(listOf(CertificateSigningRequestConditionSchema), 'Approved, Denied, Failed.', { proto: 1, listType: 'map', listMapKeys: ['type'] }),
    certificate: field(bytes, 'The issued certificate chain (PEM), set by the signer after approval.', { proto: 2 }),
  })), 'Approval and the issued certificate.', { proto: 3 }),
}), { gvk: { group: 'certificates.k8s.io', version: 'v1', kind: 'CertificateSigningRequest' } });
