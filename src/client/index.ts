/**
 * The client: how components, tests and benchmarks talk to the API server — kubeconfig loading, a
 * REST client over keep-alive TLS, and streaming watches. (Typed clients and informers grow here.)
 */
export { loadKubeconfig, type Credentials } from './kubeconfig.js';
export { RestClient, type RestResponse, type RequestOptions, type WatchEventLine } from './rest-client.js';
