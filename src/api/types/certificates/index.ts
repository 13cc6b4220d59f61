/**
 * The certificates.k8s.io group: CertificateSigningRequests — stored, validated and listed with the
 * requester recorded on create; approval goes through the /approval subresource (withApprovalOf is
 * its strategy), certificates through /status, written by the signers in controllers/certificates.
 */
import type { ResourceDef } from '../../resource.js';
import { certificatesigningrequests } from './csr.js';

export { csrCondition } from './csr.js';
export { populateConditionTimestamps, recordRequester, withApprovalOf } from './csr-strategy.js';
export { CertificateSigningRequestSchema, KEY_USAGES } from './csr-schema.js';
export { validateCSRUpdate, type CertificateSigningRequestLike } from './csr-validation.js';

export const certificatesResources: ResourceDef[] = [certificatesigningrequests];
