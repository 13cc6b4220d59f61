/** The <Kind>List type of a kind (apiVersion, kind, metadata: ListMeta, items), declared on demand. */
import { field, ListMetaSchema, listOf, object, string, type ObjectSchema } from '../../api/index.js';

const cache = new WeakMap<ObjectSchema, ObjectSchema>();

/** io.k8s.api.core.v1.ConfigMap → io.k8s.api.core.v1.ConfigMapList; the same object for the same kind. */
export function listSchemaOf(kind: ObjectSchema, kindName: string): ObjectSchema {
  let list = cache.get(kind);
  if (!list) {
    list = object(`${kind.name}List`, `A list of ${kindName} objects.`, () => ({
      apiVersion: field(string, 'Versioned schema of this representation, e.g. "v1" or "apps/v1".'),
      kind: field(string, 'Kind of object this is, in CamelCase.'),
      metadata: field(ListMetaSchema, 'List metadata: resourceVersion and the continue token.', { proto: 1 }),
      items: field(listOf(kind), `The ${kindName} objects.`, { required: true, proto: 2 }),
    }));
    cache.set(kind, list);
  }
  return list;
}
