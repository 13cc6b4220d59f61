/**
 * Builders for schema declarations: short to write, so that each kind's file reads like its API.
 *
 *   export const ContainerPort = object('io.k8s.api.core.v1.ContainerPort', 'A port to expose.', () => ({
 *     containerPort: field(int32, 'Port number on the pod IP.', { required: true, proto: 3 }),
 *   }));
 */
import type {
  AnySchema, ArraySchema, BooleanSchema, Field, IntegerSchema, IntOrStringSchema, MapSchema, NumberSchema,
  ObjectSchema, QuantitySchema, Schema, StringSchema,
} from './schema.js';

export const string: StringSchema = { type: 'string' };
export const int32: IntegerSchema = { type: 'integer', format: 'int32' };
export const int64: IntegerSchema = { type: 'integer', format: 'int64' };
export const number: NumberSchema = { type: 'number' };
export const boolean: BooleanSchema = { type: 'boolean' };
export const intOrString: IntOrStringSchema = { type: 'int-or-string' };
export const quantity: QuantitySchema = { type: 'quantity' };
export const anyValue: AnySchema = { type: 'any' };
/** RFC 3339 timestamp (metav1.Time). */
export const time: StringSchema = { type: 'string', format: 'date-time' };
/** base64-encoded bytes. */
export const bytes: StringSchema = { type: 'string', format: 'byte' };

export function enumOf(...values: string[]): StringSchema {
  return { type: 'string', enum: values };
}

export function listOf(items: Schema): ArraySchema {
  return { type: 'array', items };
}

export function mapOf(values: Schema): MapSchema {
  return { type: 'map', values };
}

/** map[string]string, the type of labels, annotations, selectors and data. */
export const stringMap: MapSchema = { type: 'map', values: string };

type FieldOptions = Omit<Field, 'schema' | 'description'>;

export function field(schema: Schema, description: string, opts: FieldOptions = {}): Field {
  return { schema, description, ...opts };
}

/**
 * The fields of a Go struct embedded inline at protobuf field `proto` of the type being declared:
 * flat, as JSON has them, each marked `embeddedIn: proto` for the protobuf codec. Call it inside the
 * fields function (`() => ({ name: …, ...embed(VolumeSourceSchema, 2) })`) so that `struct` may be
 * declared later in the module.
 */
export function embed(struct: ObjectSchema, proto: number): Record<string, Field> {
  const out: Record<string, Field> = {};
  for (const [name, f] of Object.entries(struct.fields)) out[name] = { ...f, embeddedIn: proto };
  return out;
}

interface ObjectOptions {
  gvk?: { group: string; version: string; kind: string };
  preserveUnknown?: boolean;
  atomic?: boolean;
}

/**
 * Declares an object type. `fields` is called on first use, so declarations may refer to types
 * declared later in the same module or recursively (JSONSchemaProps).
 */
export function object(
  name: string, description: string, fields: () => Record<string, Field>, opts: ObjectOptions = {},
): ObjectSchema {
  let cache: Record<string, Field> | undefined;
  const schema = {
    type: 'object' as const,
    name,
    description,
    ...opts,
  };
  Object.defineProperty(schema, 'fields', {
    enumerable: true,
    get(): Record<string, Field> {
      cache ??= fields();
      return cache;
    },
  });
  return schema as ObjectSchema;
}
