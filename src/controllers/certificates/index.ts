/**
 * Certificates: kube-controller-manager's csrsigning for the kubernetes.io signers
 * (kube-apiserver-client, kube-apiserver-client-kubelet, kubelet-serving) — approved
 * CertificateSigningRequests are checked against their signer's rules and signed with the cluster CA.
 * The PKCS#10 reading and certificate writing it needs (a little DER) live here too.
 */
export {
  certificateDurationSeconds, CSRS, CSRSigningController, DEFAULT_SIGNING_DURATION_SECONDS, isApproved,
  type CSR, type CSRSigningOptions,
} from './csr-signing-controller.js';
export { SigningAuthority, keyUsagesOf, type SignOptions } from './authority.js';
export { checkRequestSignature, parseCertificateRequest, parseCertificateRequestPem, type CertificateRequest } from './certificate-request.js';
export {
  isSignerName, KUBE_APISERVER_CLIENT_KUBELET_SIGNER, KUBE_APISERVER_CLIENT_SIGNER, KUBELET_SERVING_SIGNER, SIGNER_NAMES, signerRuleViolation,
  type SignerName,
} from './signer-rules.js';
