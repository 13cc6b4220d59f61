/**
 * The store: an etcd-shaped key-value backend with three drivers chosen by URL —
 * sqlite://PATH (default), etcd://HOST:PORT[,HOST:PORT…] and memory://.
 */
export type {
  Backend, KeyValue, ListOptions, ListResult, WatchEvent, WatchEventType, WatchHandle, WatchCallbacks,
} from './backend.js';
export { KeyExistsError, KeyNotFoundError, RevisionMismatchError, CompactedError } from './errors.js';
export { openBackend } from './open.js';
export { startTestEtcd, type TestEtcd } from './etcd/etcd-fixture.js';
