/** The JSONSchemaProps fields custom-resource serving reads, typed (the stored value is plain JSON). */
import type { JSONSchemaPropsLike } from '../../api/types/apiextensions/index.js';

export interface Props extends JSONSchemaPropsLike {
  description?: string;
  format?: string;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, Props>;
  items?: Props | Props[];
  additionalProperties?: Props | boolean;
  maximum?: number;
  minimum?: number;
  exclusiveMaximum?: boolean;
  exclusiveMinimum?: boolean;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  maxItems?: number;
  minItems?: number;
  multipleOf?: number;
  maxProperties?: number;
  minProperties?: number;
  allOf?: Props[];
  anyOf?: Props[];
  oneOf?: Props[];
  not?: Props;
}

export const isProps = (v: unknown): v is Props => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The schema of an array's items (a list of schemas, allowed by JSON schema, is not structural). */
export function itemsOf(p: Props): Props | undefined {
  return isProps(p.items) ? p.items : undefined;
}

/** The schema of an object's other properties, when additionalProperties is a schema. */
export function additionalOf(p: Props): Props | undefined {
  return isProps(p.additionalProperties) ? p.additionalProperties : undefined;
}
