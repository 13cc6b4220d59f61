/** Routes for discovery (/api, /apis, group and group-version documents) and OpenAPI. */
import {
  aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, legacyApiVersions, negotiateAggregatedDiscovery,
} from './discovery/index.js';
import type { NonResourceRequest, NonResourceRoutes } from './non-resource.js';
import type { ResourceIndex } from './registry/resource-index.js';
import { sendRaw } from './respond.js';
import { addOpenApiRoutes } from './openapi-routes.js';

function notFound(r: NonResourceRequest): void {
  sendRaw(r.res, 404, JSON.stringify({
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
    message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404,
  }));
}

/** Serves a body computed once, as JSON. */
function once(make: () => unknown): () => string {
  let body: string | undefined;
  return () => (body ??= JSON.stringify(make()));
}

export function addDiscoveryRoutes(routes: NonResourceRoutes, index: ResourceIndex, serverAddress: () => string): void {
  const resources = index.resources;
  const aggregated = new Map<string, string>();
  const aggregatedBody = (scope: 'legacy' | 'apis', apiVersion: 'apidiscovery.k8s.io/v2' | 'apidiscovery.k8s.io/v2beta1'): string => {
    const k = `${scope}/${apiVersion}`;
    let b = aggregated.get(k);
    if (!b) { b = JSON.stringify(aggregatedDiscovery(resources, scope, apiVersion)); aggregated.set(k, b); }
    return b;
  };
  const withAggregated = (scope: 'legacy' | 'apis', plain: () => string) => (r: NonResourceRequest): void => {
    const neg = negotiateAggregatedDiscovery(r.req.headers.accept);
    if (neg) {
      r.res.setHeader('Vary', 'Accept');
      sendRaw(r.res, 200, aggregatedBody(scope, neg.apiVersion), neg.contentType);
      return;
    }
    sendRaw(r.res, 200, plain());
  };
  const apiBody = once(() => legacyApiVersions(serverAddress()));
  routes.add('/api', withAggregated('legacy', apiBody));
  const apisBody = once(() => apiGroupList(resources));
  routes.add('/apis', withAggregated('apis', apisBody));
  const docs = new Map<string, string | null>();
  const cached = (key: string, make: () => unknown): string | null => {
    if (!docs.has(key)) {
      const v = make();
      docs.set(key, v === undefined ? null : JSON.stringify(v));
    }
    return docs.get(key) ?? null;
  };
  routes.addPrefix('/api/', (r) => {
    const parts = r.path.split('/').filter(Boolean);
    if (parts.length !== 2) return notFound(r);
    const body = cached(`core/${parts[1]}`, () => apiResourceList(resources, '', parts[1]));
    if (body) sendRaw(r.res, 200, body); else notFound(r);
  });
  routes.addPrefix('/apis/', (r) => {
    const parts = r.path.split('/').filter(Boolean);
    let body: string | null = null;
    if (parts.length === 2) body = cached(`group/${parts[1]}`, () => apiGroup(resources, parts[1]));
    else if (parts.length === 3) body = cached(`gv/${parts[1]}/${parts[2]}`, () => apiResourceList(resources, parts[1], parts[2]));
    if (body) sendRaw(r.res, 200, body); else notFound(r);
  });
  addOpenApiRoutes(routes, resources);
}
