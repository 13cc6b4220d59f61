/**
 * Discovery for controllers: which resources the API server serves, read over the client.
 */
export { discoverResources, hasVerbs, type ServedResource, type DiscoveryResult, type DiscoveryFailure } from './discovery.js';
