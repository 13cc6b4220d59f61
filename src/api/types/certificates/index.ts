/**
 * The certificates.k8s.io group: CertificateSigningRequests. navarch stores, validates and lists
 * them (approval through the approval subresource once the server routes it) but signs none.
 */
import type { ResourceDef } from '../../resource.js';
import { certificatesigningrequests } from './csr.js';

export { CSR_NOT_SIGNED_WARNING, csrCondition } from './csr.js';
export { CertificateSigningRequestSchema, KEY_USAGES } from './csr-schema.js';
export { validateCSRUpdate, type CertificateSigningRequestLike } from './csr-validation.js';

export const certificatesResources: ResourceDef[] = [certificatesigningrequests];
