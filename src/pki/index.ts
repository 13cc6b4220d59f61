// pki: the cluster's certificates. It creates (first start) or loads (later starts) the CA under
// <data-dir>/tls, the API server's serving certificate and the admin client certificate; issues
// further client and serving certificates signed by the same CA (agents, users); writes the admin
// kubeconfig; and reads the Kubernetes user and groups out of a verified client certificate.
export {
  loadOrCreatePki,
  ADMIN_GROUP,
  ADMIN_USER,
  CA_VALIDITY_DAYS,
  LEAF_VALIDITY_DAYS,
  RENEW_BEFORE_DAYS,
  type Pki,
  type PkiOptions,
} from './load-or-create.js';
export type { CertAndKey } from './certificate-authority.js';
export { kubeconfigYaml, writeKubeconfig, KUBECONFIG_FILE, type KubeconfigOptions } from './kubeconfig.js';
export { identityFromPeerCert, type CertificateIdentity } from './identity.js';
export { DEFAULT_SERVING_DNS_NAMES, DEFAULT_SERVING_IPS } from './names.js';
