/**
 * The schema declaration language. Every kind's fields are declared once with these types; OpenAPI,
 * `kubectl explain`, structural validation, unknown-field detection, strategic merge patch and
 * server-side apply are all derived from the declaration.
 */

export type StringFormat = 'date-time' | 'byte' | 'int-or-string' | 'quantity';

export interface StringSchema { readonly type: 'string'; readonly format?: 'date-time' | 'byte'; readonly enum?: readonly string[] }
export interface IntegerSchema { readonly type: 'integer'; readonly format: 'int32' | 'int64' }
export interface NumberSchema { readonly type: 'number' }
export interface BooleanSchema { readonly type: 'boolean' }
/** A value that is either an integer or a string (targetPort, maxSurge). */
export interface IntOrStringSchema { readonly type: 'int-or-string' }
/** A resource quantity: "100m", "128Mi", or a bare number. */
export interface QuantitySchema { readonly type: 'quantity' }
/** Any JSON value kept as is (RawExtension, JSON fields). */
export interface AnySchema { readonly type: 'any' }

export type ListType = 'atomic' | 'set' | 'map';
export type PatchStrategy = 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys';

export interface ArraySchema {
  readonly type: 'array';
  readonly items: Schema;
}

export interface MapSchema {
  readonly type: 'map';
  readonly values: Schema;
}

export interface Field {
  readonly schema: Schema;
  /** Our own short description, shown by `kubectl explain`. */
  readonly description: string;
  readonly required?: boolean;
  /** Protobuf field number in the Kubernetes wire format. */
  readonly proto?: number;
  /**
   * Protobuf only. Set on the fields of a Go struct embedded inline in this type (VolumeSource in
   * Volume, ProbeHandler in Probe): JSON has them flat among this type's fields, but protobuf sends
   * them as one nested message at field number `embeddedIn` of this message, and `proto` is then the
   * field's number inside that nested message. Nothing on the JSON side reads it. Build such fields
   * with `embed()`, or mark a single one by hand.
   */
  readonly embeddedIn?: number;
  /** Strategic merge patch: the key that identifies list items (containers by "name"). */
  readonly mergeKey?: string;
  readonly patchStrategy?: PatchStrategy;
  /** Server-side apply list semantics. */
  readonly listType?: ListType;
  readonly listMapKeys?: readonly string[];
  /** map fields: "atomic" or "granular" (x-kubernetes-map-type). */
  readonly mapType?: 'atomic' | 'granular';
  /** Default value documented in OpenAPI (the real defaulting is code in each kind). */
  readonly default?: unknown;
}

export interface ObjectSchema {
  readonly type: 'object';
  /** OpenAPI definition name, e.g. io.k8s.api.core.v1.Container. */
  readonly name: string;
  readonly description: string;
  /** Declared lazily so that schemas may refer to each other recursively. */
  readonly fields: Readonly<Record<string, Field>>;
  /** For top-level kinds: group, version and kind. */
  readonly gvk?: { group: string; version: string; kind: string };
  /** Accept fields not declared here (used by things like CRDs with x-kubernetes-preserve-unknown-fields). */
  readonly preserveUnknown?: boolean;
  /** Atomic struct for server-side apply (x-kubernetes-map-type: atomic). */
  readonly atomic?: boolean;
}

export type Schema =
  | StringSchema | IntegerSchema | NumberSchema | BooleanSchema | IntOrStringSchema | QuantitySchema
  | AnySchema | ArraySchema | MapSchema | ObjectSchema;
