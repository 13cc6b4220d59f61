/**
 * Custom resources: the API server serves the kinds CustomResourceDefinitions declare. A watch on
 * the CRDs in the store (CustomResourceServing) turns each into ResourceDefs registered in the
 * ResourceIndex — schema, validation, pruning and defaults from the version's openAPIV3Schema,
 * status and scale subresources, printer columns — and deletes a deleted CRD's objects.
 */
export { CustomResourceServing } from './crd-serving.js';
export { customResourceDefs, isCustomResource } from './resource-defs.js';
export { rejectStrategicMergePatch } from './patch-types.js';
