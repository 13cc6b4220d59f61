/**
 * The two OpenAPI dialects Kubernetes serves: Swagger 2.0 (/openapi/v2, "#/definitions/…", refs
 * with siblings side by side) and OpenAPI 3.0 (/openapi/v3/…, "#/components/schemas/…", a ref with
 * a description or default wrapped in allOf), and how each spells the named primitive types
 * (Time, IntOrString, Quantity) that fields refer to.
 */
import type { JsonObject } from './json.js';

export type NamedPrimitive = 'time' | 'int-or-string' | 'quantity';

export interface Dialect {
  openapi: 2 | 3;
  refPrefix: string;
  /** Definition name and body of each named primitive. */
  primitives: Readonly<Record<NamedPrimitive, { name: string; definition: JsonObject }>>;
}

const TIME = 'io.k8s.apimachinery.pkg.apis.meta.v1.Time';
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

const TIME_TEXT = 'A timestamp in RFC 3339 form, such as "2024-05-01T12:00:00Z".';
const INT_OR_STRING_TEXT = 'Either an integer or a string, such as a port number or a port name, or "25%".';
const QUANTITY_TEXT = 'An amount such as "100m" (a tenth of a CPU), "128Mi" or "1.5". Suffixes: m, k, M, G, T, P, E (powers of ten) and Ki, Mi, Gi, Ti, Pi, Ei (powers of two).';

export const V3: Dialect = {
  openapi: 3,
  refPrefix: '#/components/schemas/',
  primitives: {
    time: { name: TIME, definition: { description: TIME_TEXT, type: 'string', format: 'date-time' } },
    'int-or-string': {
      name: INT_OR_STRING,
      definition: {
        description: INT_OR_STRING_TEXT, format: 'int-or-string',
        oneOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true,
      },
    },
    quantity: { name: QUANTITY, definition: { description: QUANTITY_TEXT, oneOf: [{ type: 'string' }, { type: 'number' }] } },
  },
};

export const V2: Dialect = {
  openapi: 2,
  refPrefix: '#/definitions/',
  primitives: {
    time: { name: TIME, definition: { description: TIME_TEXT, type: 'string', format: 'date-time' } },
    'int-or-string': { name: INT_OR_STRING, definition: { description: INT_OR_STRING_TEXT, type: 'string', format: 'int-or-string' } },
    quantity: { name: QUANTITY, definition: { description: QUANTITY_TEXT, type: 'string' } },
  },
};

/** A reference to a definition, as a property beside its description and default. */
export function refWith(dialect: Dialect, ref: JsonObject, extra: JsonObject): JsonObject {
  if (Object.keys(extra).length === 0) return ref;
  return dialect.openapi === 3 ? { allOf: [ref], ...extra } : { ...ref, ...extra };
}
