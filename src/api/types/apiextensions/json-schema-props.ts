/**
 * JSONSchemaProps: the OpenAPI v3 schema language CRDs describe their custom resources with,
 * including Kubernetes' x-kubernetes-* extensions. Fields whose JSON value may be of several types
 * (default, enum, items, additionalProperties…) are kept as they come; in protobuf, default, enum
 * and example are JSON messages as the codec reads them, while items, additionalProperties,
 * dependencies and additionalItems are "schema or X" messages it cannot read (such a body gets a 400).
 */
import { anyValue, boolean, field, int64, listOf, mapOf, number, object, string } from '../../schema/build.js';
import type { ObjectSchema } from '../../schema/schema.js';

export const ValidationRuleSchema = object('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.ValidationRule', 'A CEL rule a value must satisfy (x-kubernetes-validations).', () => ({
  rule: field(string, 'CEL expression over self (and oldSelf on updates) that must be true.', { required: true, proto: 1 }),
  message: field(string, 'Message shown when the rule fails.', { proto: 2 }),
  messageExpression: field(string, 'CEL expression computing the failure message.', { proto: 3 }),
  reason: field(string, 'Reason of the failure: FieldValueInvalid (default), FieldValueForbidden, FieldValueRequired or FieldValueDuplicate.', { proto: 4 }),
  fieldPath: field(string, 'Path of the field the failure is reported at, relative to this schema.', { proto: 5 }),
  optionalOldSelf: field(boolean, 'Evaluate transition rules also when there is no old value.', { proto: 6 }),
}));

const ExternalDocumentationSchema = object('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.ExternalDocumentation', 'A link to more documentation.', () => ({
  description: field(string, 'What the link is about.', { proto: 1 }),
  url: field(string, 'The link.', { proto: 2 }),
}));

export const JSONSchemaPropsSchema: ObjectSchema = object('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps', 'A JSON schema (OpenAPI v3 subset) describing a value of a custom resource.', () => ({
  id: field(string, 'Schema identifier.', { proto: 1 }),
  $schema: field(string, 'Schema dialect URL.', { proto: 2 }),
  $ref: field(string, 'Reference to another schema (not allowed in CRDs).', { proto: 3 }),
  description: field(string, 'What the value means.', { proto: 4 }),
  type: field(string, 'object, array, string, integer, number or boolean.', { proto: 5 }),
  format: field(string, 'Format of a string or number (int32, date-time, byte, …).', { proto: 6 }),
  title: field(string, 'Short title.', { proto: 7 }),
  default: field(anyValue, 'Value filled in when the field is absent.', { proto: 8 }),
  maximum: field(number, 'Largest allowed number.', { proto: 9 }),
  exclusiveMaximum: field(boolean, 'Whether maximum itself is excluded.', { proto: 10 }),
  minimum: field(number, 'Smallest allowed number.', { proto: 11 }),
  exclusiveMinimum: field(boolean, 'Whether minimum itself is excluded.', { proto: 12 }),
  maxLength: field(int64, 'Longest allowed string.', { proto: 13 }),
  minLength: field(int64, 'Shortest allowed string.', { proto: 14 }),
  pattern: field(string, 'Regular expression strings must match.', { proto: 15 }),
  maxItems: field(int64, 'Most items an array may have.', { proto: 16 }),
  minItems: field(int64, 'Fewest items an array may have.', { proto: 17 }),
  uniqueItems: field(boolean, 'Whether items must differ (not allowed in CRDs).', { proto: 18 }),
  multipleOf: field(number, 'Numbers must be a multiple of this.', { proto: 19 }),
  enum: field(listOf(anyValue), 'The allowed values.', { proto: 20, listType: 'atomic' }),
  maxProperties: field(int64, 'Most properties an object may have.', { proto: 21 }),
  minProperties: field(int64, 'Fewest properties an object may have.', { proto: 22 }),
  required: field(listOf(string), 'Properties that must be present.', { proto: 23, listType: 'atomic' }),
  items: field(anyValue, 'Schema of the array\'s items (or a list of schemas).', { proto: 24 }),
  allOf: field(listOf(JSONSchemaPropsSchema), 'Schemas the value must all match.', { proto: 25, listType: 'atomic' }),
  oneOf: field(listOf(JSONSchemaPropsSchema), 'Schemas the value must match exactly one of.', { proto: 26, listType: 'atomic' }),
  anyOf: field(listOf(JSONSchemaPropsSchema), 'Schemas the value must match at least one of.', { proto: 27, listType: 'atomic' }),
  not: field(JSONSchemaPropsSchema, 'Schema the value must not match.', { proto: 28 }),
  properties: field(mapOf(JSONSchemaPropsSchema), 'Schemas of an object\'s properties.', { proto: 29 }),
  additionalProperties: field(anyValue, 'Schema of properties not listed (or whether they are allowed).', { proto: 30 }),
  patternProperties: field(mapOf(JSONSchemaPropsSchema), 'Schemas of properties by name pattern.', { proto: 31 }),
  dependencies: field(mapOf(anyValue), 'Properties or schemas required when a property is present.', { proto: 32 }),
  additionalItems: field(anyValue, 'Schema of extra items (or whether they are allowed).', { proto: 33 }),
  definitions: field(mapOf(JSONSchemaPropsSchema), 'Named schemas.', { proto: 34 }),
  externalDocs: field(ExternalDocumentationSchema, 'Link to more documentation.', { proto: 35 }),
  example: field(anyValue, 'An example value.', { proto: 36 }),
  nullable: field(boolean, 'Whether null is accepted (and kept).', { proto: 37 }),
  'x-kubernetes-preserve-unknown-fields': field(boolean, 'Keep fields the schema does not list instead of pruning them.', { proto: 38 }),
  'x-kubernetes-embedded-resource': field(boolean, 'The value is a whole Kubernetes object (apiVersion, kind, metadata).', { proto: 39 }),
  'x-kubernetes-int-or-string': field(boolean, 'The value is an integer or a string.', { proto: 40 }),
  'x-kubernetes-list-map-keys': field(listOf(string), 'Keys that identify items of a map-type list.', { proto: 41, listType: 'atomic' }),
  'x-kubernetes-list-type': field(string, 'atomic, set or map: how server-side apply merges the list.', { proto: 42 }),
  'x-kubernetes-map-type': field(string, 'granular or atomic: how server-side apply merges the object.', { proto: 43 }),
  'x-kubernetes-validations': field(listOf(ValidationRuleSchema), 'CEL rules the value must satisfy.', {
    proto: 44, mergeKey: 'rule', patchStrategy: 'merge', listType: 'map', listMapKeys: ['rule'],
  }),
}));

/** A JSONSchemaProps value as stored (the fields validation reads). */
export interface JSONSchemaPropsLike {
  type?: string;
  properties?: Record<string, JSONSchemaPropsLike>;
  items?: JSONSchemaPropsLike | JSONSchemaPropsLike[];
  additionalProperties?: JSONSchemaPropsLike | boolean;
  default?: unknown;
  nullable?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: string;
  [k: string]: unknown;
}
