/**
 * The definitions of a document: every kind's schema and its List, Scale where a kind has the scale
 * subresource, and the standard types every group/version carries (ObjectMeta, ListMeta, Status,
 * DeleteOptions, WatchEvent, Patch, APIResourceList), each with everything reachable from it.
 */
import { ListMetaSchema, ObjectMetaSchema, type ResourceDef } from '../../api/index.js';
import { DefinitionSet } from './definitions.js';
import { V3, type Dialect } from './dialect.js';
import { gvkIndex } from './gvk-index.js';
import { listSchemaOf } from './list-schema.js';
import {
  APIResourceListSchema, DeleteOptionsSchema, PatchSchema, StatusSchema, WatchEventSchema,
} from './meta-schemas.js';
import { ScaleSchema } from './scale-schema.js';

const STANDARD = [
  ObjectMetaSchema, ListMetaSchema, StatusSchema, DeleteOptionsSchema, WatchEventSchema, PatchSchema, APIResourceListSchema,
];

/**
 * `documentResources`: the kinds the document describes; `allResources`: every served kind (the
 * standard types' x-kubernetes-group-version-kind lists name every served group/version).
 */
export function buildDefinitions(
  dialect: Dialect, documentResources: readonly ResourceDef[], allResources: readonly ResourceDef[],
): DefinitionSet {
  const set = new DefinitionSet(dialect, gvkIndex(allResources));
  for (const def of documentResources) {
    set.add(def.schema);
    set.add(listSchemaOf(def.schema, def.kind));
    if (def.subresources?.scale) set.add(ScaleSchema);
  }
  for (const s of STANDARD) set.add(s);
  return set;
}

/** Type names declared more than once with different content across all kinds (should be none). */
export function schemaConflicts(resources: readonly ResourceDef[]): string[] {
  return buildDefinitions(V3, resources, resources).conflicts();
}
