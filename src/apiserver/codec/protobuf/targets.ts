/**
 * Which schema decodes a protobuf body: the addressed resource's own, another served kind named by
 * the body (the request then fails the kind check as a JSON body would), or DeleteOptions, which
 * every group version accepts.
 */
import { apiVersionOf, builtinResources, type ObjectSchema, type ResourceDef } from '../../../api/index.js';
import { DeleteOptionsSchema } from '../../openapi/index.js';
import type { ProtobufTarget } from './decode.js';

let served: Map<string, ObjectSchema> | undefined;

function servedSchemas(): Map<string, ObjectSchema> {
  if (!served) {
    served = new Map();
    for (const def of builtinResources) served.set(`${apiVersionOf(def)}/${def.kind}`, def.schema);
  }
  return served;
}

function gvkKey(schema: ObjectSchema): string | undefined {
  const g = schema.gvk;
  return g ? `${g.group ? `${g.group}/` : ''}${g.version}/${g.kind}` : undefined;
}

/** Bodies of DELETE requests and of requests with no resource of their own. */
export const deleteOptionsTarget: ProtobufTarget = {
  kind: 'DeleteOptions',
  schemaFor: (_apiVersion, kind) => (kind === 'DeleteOptions' ? DeleteOptionsSchema : undefined),
};

/**
 * Bodies sent to a resource: its kind first, then `extra` schemas (a subresource's kind such as
 * TokenRequest, declared with a gvk), then every served kind and DeleteOptions. A subresource handler
 * names its own kind for errors: `{ ...resourceTarget(def, [TokenRequestSchema]), kind: 'TokenRequest' }`.
 */
export function resourceTarget(def: ResourceDef, extra: readonly ObjectSchema[] = []): ProtobufTarget {
  const own = `${apiVersionOf(def)}/${def.kind}`;
  return {
    kind: def.kind,
    schemaFor(apiVersion, kind) {
      const key = `${apiVersion}/${kind}`;
      if (key === own) return def.schema;
      const named = extra.find((s) => gvkKey(s) === key);
      return named ?? servedSchemas().get(key) ?? deleteOptionsTarget.schemaFor(apiVersion, kind);
    },
  };
}
