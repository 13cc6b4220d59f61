/**
 * The client: how controllers, the scheduler, the agent, tests and benchmarks reach the API server,
 * always over HTTPS. RestClient and kubeconfig loading; ResourceClient per resource with errors
 * mapped back to StatusError; Clientset; and informers (list + watch into an indexed store, shared
 * through SharedInformerFactory).
 */
export { loadKubeconfig, type Credentials } from './kubeconfig.js';
export { RestClient, type RestResponse, type RequestOptions, type WatchEventLine } from './rest-client.js';
export { statusErrorFrom, isNotFound, isConflict, isAlreadyExists, isExpired } from './status.js';
export {
  ResourceClient, type GroupVersionResource, type ResourceInfo, type ListOptions, type ObjectList, type WriteOptions,
  type DeleteOptions, type PatchType, type WatchOptions, type WatchEvent, type WatchEventType, type WatchHandlers,
} from './resource-client.js';
export { Clientset, LEASES, EVENTS, componentUserAgent, type ServerCredentials } from './clientset.js';
export { Store, keyOf, splitKey, namespaceIndex, ownerUidIndex, NAMESPACE_INDEX, type IndexFunc } from './store.js';
export {
  Informer, isDeletedFinalStateUnknown, deletedObject,
  type DeletedFinalStateUnknown, type EventHandler, type HandlerRegistration, type InformerOptions,
} from './informer.js';
export { SharedInformerFactory, type SharedInformerOptions, type Selection } from './shared-informer-factory.js';
export { Backoff, sleep, type BackoffOptions } from './backoff.js';
