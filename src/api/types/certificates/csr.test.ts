import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeBase64Text } from '../../meta/base64.js';
import { fieldErrorString } from '../../meta/field-errors.js';
import { checkStructure } from '../../schema/structural.js';
import { certificatesigningrequests, csrCondition } from './csr.js';
import { CertificateSigningRequestSchema } from './csr-schema.js';
import { validateCSRUpdate, type CertificateSigningRequestLike } from './csr-validation.js';

const CTX = { serviceCIDRs: [], nodePortRange: [30000, 32767] as [number, number] };
const PEM = '-----BEGIN CERTIFICATE REQUEST-----\nMIIBAA==\n-----END CERTIFICATE REQUEST-----\n';
const errors = (c: CertificateSigningRequestLike): string[] => (certificatesigningrequests.validate?.(c, CTX) ?? []).map(fieldErrorString);

function csr(spec: Record<string, unknown>, conditions?: Array<Record<string, string>>): CertificateSigningRequestLike {
  return {
    apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name: 'myuser' },
    spec: { request: encodeBase64Text(PEM), signerName: 'kubernetes.io/kube-apiserver-client', expirationSeconds: 86400, usages: ['client auth'], ...spec },
    ...(conditions ? { status: { conditions } } : {}),
  };
}

test('the documentation\'s user CSR validates; the CONDITION column follows approval', () => {
  const c = csr({});
  assert.deepEqual(checkStructure(CertificateSigningRequestSchema, c as Record<string, unknown>), { unknown: [], error: undefined });
  assert.deepEqual(errors(c), []);
  assert.equal(csrCondition(c), 'Pending');
  c.spec = { ...c.spec, username: 'kubernetes-admin' };
  c.metadata.creationTimestamp = '2024-01-01T00:00:00Z';
  assert.deepEqual(certificatesigningrequests.table?.cells(c, new Date('2024-01-01T00:00:09Z')),
    ['9s', 'kubernetes.io/kube-apiserver-client', 'kubernetes-admin', '24h', 'Pending']);
  assert.equal(csrCondition(csr({}, [{ type: 'Approved', status: 'True' }])), 'Approved');
  assert.equal(csrCondition(csr({}, [{ type: 'Denied', status: 'True' }, { type: 'Failed', status: 'True' }])), 'Denied,Failed');
  assert.equal(certificatesigningrequests.warnings, undefined, 'Kubernetes warns of nothing on create');
  assert.equal(certificatesigningrequests.selectableFields?.['spec.signerName']?.(c), 'kubernetes.io/kube-apiserver-client');
});

test('a create records the authenticated requester, whatever the body claimed', () => {
  const c = csr({ username: 'someone-else', uid: 'u-1', groups: ['system:masters'], extra: { scopes: ['x'] } });
  certificatesigningrequests.prepareForCreate?.(c, { name: 'system:admin', groups: ['system:masters', 'system:authenticated'] });
  assert.deepEqual([c.spec?.username, c.spec?.uid, c.spec?.groups, c.spec?.extra],
    ['system:admin', undefined, ['system:masters', 'system:authenticated'], undefined]);
  const d = csr({ username: 'someone-else' });
  certificatesigningrequests.prepareForCreate?.(d, { name: 'alice', uid: 'a-1', groups: [], extra: { 'example.com/team': ['blue'] } });
  assert.deepEqual([d.spec?.username, d.spec?.uid, d.spec?.groups, d.spec?.extra], ['alice', 'a-1', undefined, { 'example.com/team': ['blue'] }]);
  const e = csr({ username: 'someone-else', groups: ['g'] });
  certificatesigningrequests.prepareForCreate?.(e);
  assert.deepEqual([e.spec?.username, e.spec?.groups], [undefined, undefined], 'no user (the server\'s own write): nobody');
});

test('Kubernetes\' messages for request, usages, signer, duration and conditions', () => {
  const bad = csr({ request: encodeBase64Text('hi'), usages: ['client auth', 'flying', 'client auth'], signerName: 'example', expirationSeconds: 60 },
    [{ type: 'Approved', status: 'False' }, { type: 'Denied', status: 'True' }]);
  assert.deepEqual(errors(bad), [
    'spec.request: Invalid value: []byte{0x68, 0x69}: PEM block type must be CERTIFICATE REQUEST',
    'spec.usages[1]: Unsupported value: "flying": supported values: "any", "cert sign", "client auth", "code signing", "content commitment", "crl sign", "data encipherment", "decipher only", "digital signature", "email protection", "encipher only", "ipsec end system", "ipsec tunnel", "ipsec user", "key agreement", "key encipherment", "microsoft sgc", "netscape sgc", "ocsp signing", "s/mime", "server auth", "signing", "timestamping"',
    'spec.usages[2]: Duplicate value: "client auth"',
    "spec.signerName: Invalid value: \"example\": must be a fully qualified domain and path of the form 'example.com/signer-name'",
    'spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 600 seconds (10 minutes)',
    'status.conditions[0].status: Unsupported value: "False": supported values: "True"',
    'status.conditions: Invalid value: "Denied": Approved and Denied conditions are mutually exclusive',
  ]);
  assert.deepEqual(errors(csr({ usages: [] })), ['spec.usages: Required value']);
});

test('approval conditions change only through approval; never removed; the certificate once, through status', () => {
  const old = csr({});
  const approved = csr({}, [{ type: 'Approved', status: 'True', reason: 'KubectlApprove' }]);
  assert.deepEqual(validateCSRUpdate(approved, old, 'approval'), []);
  assert.deepEqual(validateCSRUpdate(approved, old, 'status').map(fieldErrorString), ['status.conditions: Forbidden: updates may not add a condition of type "Approved"']);
  assert.deepEqual(validateCSRUpdate(old, approved, 'approval').map(fieldErrorString), ['status.conditions: Forbidden: updates may not remove a condition of type "Approved"']);
  const issued = { ...structuredClone(approved), status: { ...approved.status, certificate: 'Y2VydA==' } };
  assert.deepEqual(validateCSRUpdate(issued, approved, 'status'), []);
  assert.deepEqual(validateCSRUpdate(issued, approved, undefined).map(fieldErrorString), ['status.certificate: Forbidden: updates may not set certificate content']);
  const next = csr({ signerName: 'example.com/other' });
  certificatesigningrequests.prepareForUpdate?.(next, old);
  assert.equal(next.spec?.signerName, 'kubernetes.io/kube-apiserver-client', 'the spec of a request never changes');
});
