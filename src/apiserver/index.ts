/**
 * The API server: Kubernetes' REST API over the store — decoding, validation, admission, the watch
 * cache, tables, discovery and OpenAPI — served over TLS.
 */
export { startApiServer, hostAddress, type ApiServerConfig, type RunningApiServer } from './api-server.js';
export { parseCidr, nthAddress } from './admission/index.js';
export type { UserInfo } from './authn.js';
