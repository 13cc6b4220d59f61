/**
 * Per-namespace service account plumbing: the "default" ServiceAccount and the kube-root-ca.crt
 * ConfigMap in every active namespace.
 */
export { ServiceAccountsController, SERVICEACCOUNTS, isTerminating, type ServiceAccountsControllerOptions } from './serviceaccounts-controller.js';
export {
  RootCaPublisher, ROOT_CA_CONFIGMAP, ROOT_CA_DESCRIPTION, DESCRIPTION_ANNOTATION, type RootCaPublisherOptions,
} from './root-ca-publisher.js';
