/** The non-resource routes: version, health, metrics, discovery and OpenAPI. */
import { NonResourceRoutes } from './non-resource.js';
import type { ResourceIndex } from './registry/resource-index.js';
import { sendRaw } from './respond.js';
import { versionInfo } from './version.js';
import { addDiscoveryRoutes } from './discovery-routes.js';
import type { RequestMetrics } from './request-metrics.js';

/** The checks a verbose health answer lists (the store's is reported last). */
const HEALTH_CHECKS = ['ping', 'log', 'poststarthook/start-apiserver-admission-initializer', 'poststarthook/bootstrap-controller'];

export function buildRoutes(
  index: ResourceIndex, version: string, healthy: () => boolean, serverAddress: () => string, caCert: string, metrics?: RequestMetrics,
): NonResourceRoutes {
  const routes = new NonResourceRoutes();
  if (metrics) routes.add('/metrics', ({ res }) => sendRaw(res, 200, metrics.render(), 'text/plain; version=0.0.4; charset=utf-8'));
  routes.add('/cacerts', ({ res }) => sendRaw(res, 200, caCert, 'text/plain; charset=utf-8'));
  const versionBody = JSON.stringify(versionInfo(version), null, 2);
  routes.add('/version', ({ res }) => sendRaw(res, 200, versionBody));
  for (const p of ['/healthz', '/livez', '/readyz']) {
    const name = p.slice(1);
    routes.add(p, ({ res, query }) => {
      const ok = healthy();
      const text = 'text/plain; charset=utf-8';
      if (query.has('verbose')) {
        const lines = [...HEALTH_CHECKS.map((c) => `[+]${c} ok`), ok ? '[+]etcd ok' : '[-]etcd failed: reason withheld'];
        sendRaw(res, ok ? 200 : 500, `${lines.join('\n')}\n${name} check ${ok ? 'passed' : 'failed'}\n`, text);
        return;
      }
      if (ok) sendRaw(res, 200, 'ok', text);
      else sendRaw(res, 500, `[-]etcd failed: reason withheld\n${name} check failed`, text);
    });
  }
  addDiscoveryRoutes(routes, index, serverAddress);
  return routes;
}
