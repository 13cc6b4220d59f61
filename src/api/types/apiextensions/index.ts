/**
 * The apiextensions.k8s.io group: CustomResourceDefinitions. navarch stores and validates them (the
 * OpenAPI schema's structure included, CEL rules stored unchecked); the API server serves their
 * custom resources (src/apiserver/crd/).
 */
import type { ResourceDef } from '../../resource.js';
import { customresourcedefinitions } from './crd.js';

export { CRD_CLEANUP_FINALIZER, type CustomResourceDefinitionLike } from './crd.js';
export { CustomResourceDefinitionSchema } from './crd-schema.js';
export { JSONSchemaPropsSchema, type JSONSchemaPropsLike } from './json-schema-props.js';

export const apiextensionsResources: ResourceDef[] = [customresourcedefinitions];
