/**
 * Kubernetes' protobuf request bodies (application/vnd.kubernetes.protobuf), which kubectl's typed
 * clients send (`kubectl create configmap|deployment|secret…`, `create token`): the "k8s\0" envelope
 * and the object's message, decoded by the kinds' schemas (their `proto` field numbers and
 * `embeddedIn` marks) into the JSON object the same request in JSON would carry. Responses stay JSON.
 */
export { decodeProtobuf, PROTOBUF_MEDIA_TYPE, type ProtobufTarget } from './decode.js';
export { deleteOptionsTarget, resourceTarget } from './targets.js';
export { PROTOBUF_MAGIC, readEnvelope, type Envelope } from './envelope.js';
