/**
 * A kind may publish in OpenAPI a schema other than the one the server decodes with: custom
 * resources decode with a lenient schema (any JSON value where the CRD says integer, so that a wrong
 * type is a validation error with Kubernetes' wording, not a decoding error) and publish the typed
 * one their CRD declares. This is where such kinds say so; the documents use the published schema.
 */
import type { ObjectSchema, ResourceDef } from '../../api/index.js';

const published = new WeakMap<ResourceDef, ResourceDef>();
const inlined = new WeakSet<ObjectSchema>();

/**
 * Marks an object type to be written inline where it is used rather than as a named definition (a
 * CRD's nested objects, which Kubernetes publishes inline: `kubectl explain` shows them as <Object>).
 */
export function publishInline(schema: ObjectSchema): void {
  inlined.add(schema);
}

export function isPublishedInline(schema: ObjectSchema): boolean {
  return inlined.has(schema);
}
const views = new WeakMap<readonly ResourceDef[], readonly ResourceDef[]>();

/** Declares the schema OpenAPI documents show for def. */
export function publishSchema(def: ResourceDef, schema: ObjectSchema): void {
  published.set(def, { ...def, schema });
}

/** The resources as the OpenAPI documents describe them (one array per input array, by identity). */
export function openApiView(resources: readonly ResourceDef[]): readonly ResourceDef[] {
  let view = views.get(resources);
  if (!view) {
    view = resources.some((r) => published.has(r)) ? resources.map((r) => published.get(r) ?? r) : resources;
    views.set(resources, view);
  }
  return view;
}
