/**
 * The API's vocabulary, free of I/O and node:* imports (the dashboard imports it): object metadata,
 * the schema language, every built-in kind's schema, defaults, validation and table columns, and
 * StatusError.
 */
export * from './errors.js';
export * from './resource.js';
export * from './schema/index.js';
export * from './meta/object-meta.js';
export * from './meta/label-selector.js';
export * as fe from './meta/field-errors.js';
export type { FieldError, FieldErrorType } from './meta/field-errors.js';
export * from './meta/names.js';
export * from './meta/validate-meta.js';
export * from './meta/quantity.js';
export * from './meta/age.js';
export {
  parseExactQuantity, BINARY_SUFFIXES, DECIMAL_SUFFIXES, pow10, type ExactQuantity, type QuantityFormat,
} from './meta/quantity-canonical.js';
export { kindFields } from './meta/type-fields.js';
export { builtinResources } from './types/index.js';
export { systemPriorityClasses } from './types/scheduling/index.js';
export { MANDATORY_FLOW_SCHEMAS, MANDATORY_PRIORITY_LEVELS } from './types/flowcontrol/index.js';
export { localAPIServices } from './types/apiregistration/index.js';
export {
  COMPONENT_STATUS_DEPRECATION, componentStatusList, componentStatusOf, type ComponentCheck,
} from './types/core/component-status.js';
