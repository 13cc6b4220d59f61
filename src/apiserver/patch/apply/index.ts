/**
 * Server-side apply and field ownership. Every write keeps metadata.managedFields: which manager
 * (kubectl, kubectl-edit, a controller…) set which fields, through Update (create, replace, patch)
 * or Apply operations. PATCH with `application/apply-patch+yaml` merges a configuration into the
 * live object by the schema's list and map semantics, fails with 409 when it would change fields
 * other managers own (unless forced), and removes fields its manager stopped applying. Field sets are
 * computed from the kinds' schemas (listType, listMapKeys, atomic maps and structs), after
 * Kubernetes' structured-merge-diff.
 */
export { applyObject, trackUpdate, type ManagedFieldsScope } from './field-manager.js';
export { managedFieldsScope, trackManagedFields, type ManagedFieldsWrite } from './registry-hook.js';
export { decodeApplyBody, scaleConfigToParent, isStatus } from './apply-request.js';
export { fieldManagerOf, forceOf, managerFromUserAgent, validatePatchOptions } from './patch-options.js';
export { FieldSet } from './field-set.js';
export { toFieldSet } from './to-field-set.js';
export { rootNode, nodeOf, type TypeNode } from './type-node.js';
export { conflictMessage, type Conflict } from './conflict.js';
export { LAST_APPLIED_ANNOTATION } from './last-applied.js';
