/**
 * The schema language: one declaration per kind from which validation, OpenAPI, explain, patching
 * and protobuf decoding are derived.
 */
export * from './schema.js';
export * from './build.js';
export { checkStructure, goTypeName, type StructuralResult } from './structural.js';
export { zeroObject } from './zero-value.js';
