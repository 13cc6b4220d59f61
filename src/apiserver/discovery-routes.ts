/**
 * Routes for discovery (/api, /apis, group and group-version documents) and OpenAPI. Bodies are
 * computed once per served resource set and recomputed when it changes (CustomResourceDefinitions).
 */
import {
  aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, legacyApiVersions, negotiateAggregatedDiscovery,
} from './discovery/index.js';
import type { NonResourceRequest, NonResourceRoutes } from './non-resource.js';
import type { ResourceIndex } from './registry/resource-index.js';
import type { ResourceDef } from '../api/index.js';
import { sendRaw } from './respond.js';
import { addOpenApiRoutes } from './openapi-routes.js';

function notFound(r: NonResourceRequest): void {
  sendRaw(r.res, 404, JSON.stringify({
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
    message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404,
  }));
}

/** The JSON bodies of one resource set, each made on first use. */
class Bodies {
  private readonly docs = new Map<string, string | null>();
  constructor(readonly resources: readonly ResourceDef[]) {}

  get(key: string, make: () => unknown): string | null {
    if (!this.docs.has(key)) {
      const v = make();
      this.docs.set(key, v === undefined ? null : JSON.stringify(v));
    }
    return this.docs.get(key) ?? null;
  }
}

export function addDiscoveryRoutes(routes: NonResourceRoutes, index: ResourceIndex, serverAddress: () => string): void {
  let bodies = new Bodies(index.resources);
  const current = (): Bodies => {
    if (bodies.resources !== index.resources) bodies = new Bodies(index.resources);
    return bodies;
  };
  const withAggregated = (scope: 'legacy' | 'apis', plain: (b: Bodies) => string | null) => (r: NonResourceRequest): void => {
    const b = current();
    const neg = negotiateAggregatedDiscovery(r.req.headers.accept);
    if (neg) {
      r.res.setHeader('Vary', 'Accept');
      sendRaw(r.res, 200, b.get(`aggregated/${scope}/${neg.apiVersion}`, () => aggregatedDiscovery(b.resources, scope, neg.apiVersion)) ?? '', neg.contentType);
      return;
    }
    sendRaw(r.res, 200, plain(b) ?? '');
  };
  routes.add('/api', withAggregated('legacy', (b) => b.get('api', () => legacyApiVersions(serverAddress()))));
  routes.add('/apis', withAggregated('apis', (b) => b.get('apis', () => apiGroupList(b.resources))));
  routes.addPrefix('/api/', (r) => {
    const parts = r.path.split('/').filter(Boolean);
    if (parts.length !== 2) return notFound(r);
    const b = current();
    const body = b.get(`core/${parts[1]}`, () => apiResourceList(b.resources, '', parts[1]));
    if (body) sendRaw(r.res, 200, body); else notFound(r);
  });
  routes.addPrefix('/apis/', (r) => {
    const parts = r.path.split('/').filter(Boolean);
    const b = current();
    let body: string | null = null;
    if (parts.length === 2) body = b.get(`group/${parts[1]}`, () => apiGroup(b.resources, parts[1]));
    else if (parts.length === 3) body = b.get(`gv/${parts[1]}/${parts[2]}`, () => apiResourceList(b.resources, parts[1], parts[2]));
    if (body) sendRaw(r.res, 200, body); else notFound(r);
  });
  addOpenApiRoutes(routes, () => index.resources);
}
