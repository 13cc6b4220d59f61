/** The apiVersion/kind/metadata fields every top-level kind starts with. */
import { field, string } from '../schema/build.js';
import type { Field } from '../schema/schema.js';
import { ObjectMetaSchema } from './object-meta.js';

export function kindFields(): Record<string, Field> {
  return {
    apiVersion: field(string, 'Versioned schema of this representation, e.g. "v1" or "apps/v1".'),
    kind: field(string, 'Kind of object this is, in CamelCase.'),
    metadata: field(ObjectMetaSchema, "Standard object's metadata.", { proto: 1 }),
  };
}
