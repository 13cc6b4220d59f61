/** The non-resource routes: version, health, discovery and OpenAPI. */
import { NonResourceRoutes } from './non-resource.js';
import type { ResourceIndex } from './registry/resource-index.js';
import { sendRaw } from './respond.js';
import { versionInfo } from './version.js';
import { addDiscoveryRoutes } from './discovery-routes.js';

export function buildRoutes(index: ResourceIndex, version: string, healthy: () => boolean, serverAddress: () => string): NonResourceRoutes {
  const routes = new NonResourceRoutes();
  const versionBody = JSON.stringify(versionInfo(version), null, 2);
  routes.add('/version', ({ res }) => sendRaw(res, 200, versionBody));
  for (const p of ['/healthz', '/livez', '/readyz']) {
    routes.add(p, ({ res }) => {
      if (healthy()) sendRaw(res, 200, 'ok', 'text/plain; charset=utf-8');
      else sendRaw(res, 500, `[-]etcd failed: reason withheld\n${p.slice(1)} check failed`, 'text/plain; charset=utf-8');
    });
  }
  addDiscoveryRoutes(routes, index, serverAddress);
  return routes;
}
