/**
 * The apiextensions.k8s.io group: CustomResourceDefinitions. navarch stores and validates them (the
 * OpenAPI schema's structure included, CEL rules stored unchecked) but serves no custom resources yet.
 */
import type { ResourceDef } from '../../resource.js';
import { customresourcedefinitions } from './crd.js';

export { CRD_NOT_SERVED_WARNING } from './crd.js';
export { CustomResourceDefinitionSchema } from './crd-schema.js';
export { JSONSchemaPropsSchema, type JSONSchemaPropsLike } from './json-schema-props.js';

export const apiextensionsResources: ResourceDef[] = [customresourcedefinitions];
