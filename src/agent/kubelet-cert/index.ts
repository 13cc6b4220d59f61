/**
 * Kubelet serving certificates for agents (k3s's /v1-k3s/serving-kubelet.crt, here
 * /v1-navarch/serving-kubelet.crt): the server signs a node's kubelet API certificate with the
 * cluster CA for a caller holding the node token (or a node's own client certificate), so the API
 * server can reach an agent's kubelet API for logs, exec and port-forward with verified TLS.
 * kubeletServingCertHandler is the server's route; servingCertFromServer the agent's side.
 */
export {
  KUBELET_SERVING_CERT_PATH, kubeletServingCertHandler, parseServingCertRequest, authorizeServingCert,
  type ServingCertIssuer, type ServingCertRequest,
} from './serving-cert-endpoint.js';
export { requestKubeletServingCert, servingCertFromServer, type ServerCredentials, type ServingCertSource } from './request-serving-cert.js';
