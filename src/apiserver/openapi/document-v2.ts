/**
 * Swagger 2.0 (/openapi/v2): one document with every served kind's definitions and paths. Older
 * clients and tools read it (kubectl explain --output plaintext-openapiv2, client libraries).
 */
import type { ResourceDef } from '../../api/index.js';
import { buildDefinitions } from './build-definitions.js';
import { V2 } from './dialect.js';
import { OPENAPI_INFO, SECURITY_SCHEME } from './document-v3.js';
import type { JsonObject } from './json.js';
import { operationTag } from './names.js';
import { groupVersionRootPath, resourcePaths, type PathSpec } from './operations.js';
import { renderPaths } from './paths.js';
import { perResourceSet, servedDocument, type ServedDocument } from './served-document.js';

interface Tagged { spec: PathSpec; tag: string }

function buildDocument(resources: readonly ResourceDef[]): JsonObject {
  const seen = new Set<string>();
  const own = resources.filter((r) => {
    const key = `${r.group}/${r.version}/${r.plural}`;
    return !seen.has(key) && seen.add(key);
  });
  const tagged: Tagged[] = [];
  const roots = new Set<string>();
  for (const r of own) {
    const tag = operationTag(r.group, r.version);
    if (!roots.has(tag)) {
      roots.add(tag);
      tagged.push({ spec: groupVersionRootPath(r.group, r.version), tag });
    }
    for (const spec of resourcePaths(r)) tagged.push({ spec, tag });
  }
  tagged.sort((a, b) => (a.spec.path < b.spec.path ? -1 : a.spec.path > b.spec.path ? 1 : 0));
  const tags = new Map(tagged.map((t) => [t.spec, t.tag]));
  return {
    swagger: '2.0',
    info: { ...OPENAPI_INFO },
    paths: renderPaths(V2, tagged.map((t) => t.spec), (spec) => tags.get(spec) ?? ''),
    definitions: buildDefinitions(V2, own, resources).toJson(),
    securityDefinitions: { BearerToken: SECURITY_SCHEME },
    security: [{ BearerToken: [] }],
  };
}

const cached = perResourceSet((resources: readonly ResourceDef[]) => servedDocument(buildDocument(resources)));

/** The Swagger 2.0 document of every served kind, computed once per resource set. */
export function openApiV2(resources: readonly ResourceDef[]): ServedDocument {
  return cached(resources);
}
