/**
 * OpenAPI: the documents derived from the kinds' schema declarations — OpenAPI 3.0 per
 * group/version with the /openapi/v3 index (read by kubectl explain and by kubectl's field
 * validation and strategic-merge-patch logic) and Swagger 2.0 at /openapi/v2. Each is computed once
 * per resource set and handed out as JSON text (and /openapi/v2 also as gnostic protobuf, which is
 * what kubectl asks for there) with a hash and an ETag; no HTTP here.
 * Also declares the apimachinery types the documents share (Status, DeleteOptions, WatchEvent…)
 * and autoscaling/v1 Scale, which handlers may use to check request bodies.
 */
export { openApiV3Index, openApiV3Document, openApiV3Key, parseOpenApiV3Key } from './document-v3.js';
export { openApiV2 } from './document-v2.js';
export {
  openApiV2Protobuf, negotiateOpenApiV2, encodeOpenApiV2, OPENAPI_V2_PROTOBUF, type ServedBytes,
} from './openapi-v2-protobuf.js';
export type { ServedDocument } from './served-document.js';
export { publishSchema, publishInline, openApiView } from './schema-views.js';
export { schemaConflicts } from './build-definitions.js';
export { listSchemaOf } from './list-schema.js';
export { ScaleSchema, ScaleSpecSchema, ScaleStatusSchema } from './scale-schema.js';
export {
  StatusSchema, StatusDetailsSchema, StatusCauseSchema, DeleteOptionsSchema, PreconditionsSchema, WatchEventSchema,
  PatchSchema, APIResourceSchema, APIResourceListSchema,
} from './meta-schemas.js';
export type { Json, JsonObject, GVK } from './json.js';
