/**
 * OpenAPI 3.0: one document per group/version (/openapi/v3/api/v1, /openapi/v3/apis/apps/v1) and
 * the index at /openapi/v3 that lists them with a hash of each, so clients cache by URL. This is
 * what `kubectl explain` reads, and what kubectl checks for the fieldValidation parameter.
 */
import type { ResourceDef } from '../../api/index.js';
import { buildDefinitions } from './build-definitions.js';
import { V3 } from './dialect.js';
import type { JsonObject } from './json.js';
import { operationTag } from './names.js';
import { groupVersionRootPath, resourcePaths, type PathSpec } from './operations.js';
import { renderPaths } from './paths.js';
import { perResourceSet, servedDocument, type ServedDocument } from './served-document.js';

export const OPENAPI_INFO = { title: 'Kubernetes', version: 'unversioned' } as const;

export const SECURITY_SCHEME: JsonObject = {
  type: 'apiKey', in: 'header', name: 'authorization', description: 'Bearer token authentication',
};

/** "api/v1" or "apis/apps/v1": the document's key in the index and its URL under /openapi/v3/. */
export function openApiV3Key(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

/** The inverse of openApiV3Key ("apis/apps/v1" → apps, v1); undefined when the path has another shape. */
export function parseOpenApiV3Key(key: string): { group: string; version: string } | undefined {
  const parts = key.replace(/^\/+|\/+$/g, '').split('/');
  if (parts.length === 2 && parts[0] === 'api') return { group: '', version: parts[1] };
  if (parts.length === 3 && parts[0] === 'apis' && parts[1] && parts[2]) return { group: parts[1], version: parts[2] };
  return undefined;
}

/** The kinds of one group/version, the first declaration of each plural winning. */
export function resourcesOf(resources: readonly ResourceDef[], group: string, version: string): ResourceDef[] {
  const seen = new Set<string>();
  return resources.filter((r) => r.group === group && r.version === version && !seen.has(r.plural) && seen.add(r.plural));
}

function buildDocument(resources: readonly ResourceDef[], group: string, version: string): JsonObject | undefined {
  const own = resourcesOf(resources, group, version);
  if (!own.length) return undefined;
  const specs: PathSpec[] = [groupVersionRootPath(group, version), ...own.flatMap(resourcePaths)];
  specs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const tag = operationTag(group, version);
  return {
    openapi: '3.0.0',
    info: { ...OPENAPI_INFO },
    paths: renderPaths(V3, specs, () => tag),
    components: {
      schemas: buildDefinitions(V3, own, resources).toJson(),
      securitySchemes: { BearerToken: SECURITY_SCHEME },
    },
  };
}

interface V3Cache {
  documents: Map<string, ServedDocument | null>;
  index?: ServedDocument;
}

const cacheOf = perResourceSet((_: readonly ResourceDef[]): V3Cache => ({ documents: new Map() }));

/** The OpenAPI 3 document of one group/version; undefined when nothing is served there. */
export function openApiV3Document(resources: readonly ResourceDef[], group: string, version: string): ServedDocument | undefined {
  const cache = cacheOf(resources);
  const key = openApiV3Key(group, version);
  if (!cache.documents.has(key)) {
    const doc = buildDocument(resources, group, version);
    cache.documents.set(key, doc ? servedDocument(doc) : null);
  }
  return cache.documents.get(key) ?? undefined;
}

/** The /openapi/v3 body: {"paths": {"api/v1": {"serverRelativeURL": "/openapi/v3/api/v1?hash=…"}, …}}. */
export function openApiV3Index(resources: readonly ResourceDef[]): ServedDocument {
  const cache = cacheOf(resources);
  if (!cache.index) {
    const keys = new Map<string, { group: string; version: string }>();
    for (const r of resources) keys.set(openApiV3Key(r.group, r.version), { group: r.group, version: r.version });
    const paths: JsonObject = {};
    for (const key of [...keys.keys()].sort()) {
      const { group, version } = keys.get(key) as { group: string; version: string };
      const doc = openApiV3Document(resources, group, version) as ServedDocument;
      paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${doc.hash}` };
    }
    cache.index = servedDocument({ paths });
  }
  return cache.index;
}
