/**
 * The query and path parameters of the REST operations, described once and rendered in either
 * dialect (Swagger 2 puts type beside name; OpenAPI 3 nests it under schema). Kubernetes marks
 * every parameter uniqueItems: true; so do we, since some clients compare documents.
 */
import type { JsonObject } from './json.js';

export type ParamName =
  | 'allowWatchBookmarks' | 'continue' | 'dryRun' | 'fieldManager' | 'fieldSelector' | 'fieldValidation'
  | 'force' | 'gracePeriodSeconds' | 'ignoreStoreReadErrorWithClusterBreakingPotential' | 'labelSelector'
  | 'limit' | 'orphanDependents' | 'pretty' | 'propagationPolicy' | 'resourceVersion' | 'resourceVersionMatch'
  | 'sendInitialEvents' | 'timeoutSeconds' | 'watch';

interface ParamSpec { type: 'string' | 'integer' | 'boolean'; description: string }

const QUERY: Readonly<Record<ParamName, ParamSpec>> = {
  allowWatchBookmarks: { type: 'boolean', description: 'Ask for BOOKMARK events in a watch; the server sends them when it chooses.' },
  continue: { type: 'string', description: 'Token from a previous limited list, to fetch the next page.' },
  dryRun: { type: 'string', description: 'When "All", the request is fully processed but nothing is persisted.' },
  fieldManager: { type: 'string', description: 'Name of the actor making the change, recorded in managedFields.' },
  fieldSelector: { type: 'string', description: 'Only objects whose fields match this selector. Default: everything.' },
  fieldValidation: {
    type: 'string',
    description: 'What to do with unknown or duplicate fields in the body: Ignore (drop them), Warn (drop them and answer with warnings) or Strict (fail the request).',
  },
  force: { type: 'boolean', description: 'For apply patches: take ownership of fields other managers own instead of failing with a conflict.' },
  gracePeriodSeconds: { type: 'integer', description: 'Seconds before the object is removed; 0 removes it at once.' },
  ignoreStoreReadErrorWithClusterBreakingPotential: {
    type: 'boolean', description: 'Delete objects that cannot be read from storage (e.g. undecryptable). Dangerous.',
  },
  labelSelector: { type: 'string', description: 'Only objects whose labels match this selector. Default: everything.' },
  limit: { type: 'integer', description: 'Largest number of items to return; the list metadata then carries a continue token.' },
  orphanDependents: { type: 'boolean', description: 'Deprecated in favour of propagationPolicy: whether dependents are orphaned.' },
  pretty: { type: 'string', description: 'When "true", the output is indented.' },
  propagationPolicy: { type: 'string', description: 'What happens to dependents: Orphan, Background or Foreground.' },
  resourceVersion: { type: 'string', description: 'Which version of the data the request may be served from; with watch, where it starts.' },
  resourceVersionMatch: { type: 'string', description: 'How resourceVersion applies to a list: Exact or NotOlderThan.' },
  sendInitialEvents: { type: 'boolean', description: 'With watch: start with synthetic ADDED events for the current state, then a bookmark.' },
  timeoutSeconds: { type: 'integer', description: 'Ends the list or watch call after this many seconds.' },
  watch: { type: 'boolean', description: 'Stream changes (added, modified, deleted) instead of returning a list.' },
};

export const LIST_PARAMS: readonly ParamName[] = [
  'allowWatchBookmarks', 'continue', 'fieldSelector', 'labelSelector', 'limit', 'resourceVersion',
  'resourceVersionMatch', 'sendInitialEvents', 'timeoutSeconds', 'watch',
];
export const WRITE_PARAMS: readonly ParamName[] = ['dryRun', 'fieldManager', 'fieldValidation'];
export const PATCH_PARAMS: readonly ParamName[] = [...WRITE_PARAMS, 'force'];
export const DELETE_PARAMS: readonly ParamName[] = [
  'dryRun', 'gracePeriodSeconds', 'ignoreStoreReadErrorWithClusterBreakingPotential', 'orphanDependents', 'propagationPolicy',
];
export const DELETE_COLLECTION_PARAMS: readonly ParamName[] = [
  'continue', 'dryRun', 'fieldSelector', 'gracePeriodSeconds', 'ignoreStoreReadErrorWithClusterBreakingPotential',
  'labelSelector', 'limit', 'orphanDependents', 'propagationPolicy', 'resourceVersion', 'resourceVersionMatch',
  'sendInitialEvents', 'timeoutSeconds',
];

/** A path parameter: {namespace} or {name}. */
export interface PathParam { name: 'namespace' | 'name'; description: string }

function render(openapi: 2 | 3, name: string, location: 'query' | 'path', spec: ParamSpec, required: boolean): JsonObject {
  const p: JsonObject = { name, in: location, description: spec.description };
  if (required) p.required = true;
  if (openapi === 3) p.schema = { type: spec.type, uniqueItems: true };
  else Object.assign(p, { type: spec.type, uniqueItems: true });
  return p;
}

export function queryParam(openapi: 2 | 3, name: ParamName): JsonObject {
  return render(openapi, name, 'query', QUERY[name], false);
}

export function pathParam(openapi: 2 | 3, p: PathParam): JsonObject {
  return render(openapi, p.name, 'path', { type: 'string', description: p.description }, true);
}
