/**
 * Decodes the body of a review or TokenRequest: JSON, YAML, or Kubernetes protobuf (what
 * client-go's typed clients — kubectl auth, kubectl create token — send). The result is the
 * object's JSON shape with apiVersion and kind checked and filled in.
 */
import { badRequest } from '../../api/index.js';
import { decodeBody, mediaType, requireObject } from '../codec/body.js';
import { decodeEnvelope, decodeMessage } from './protobuf/decode.js';
import { REQUEST_MESSAGES } from './protobuf/messages.js';
import { ProtobufError } from './protobuf/wire.js';
import type { Json } from './fields.js';

export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

function decodeProtobuf(body: Buffer, kind: string): Json {
  const desc = REQUEST_MESSAGES[kind];
  if (!desc) throw new Error(`Cannot decode ${kind}: no protobuf descriptor`);
  try {
    const env = decodeEnvelope(body);
    const obj = decodeMessage(desc, env.raw);
    if (env.apiVersion) obj.apiVersion = env.apiVersion;
    if (env.kind) obj.kind = env.kind;
    return obj;
  } catch (err) {
    if (err instanceof ProtobufError) throw badRequest(`${kind} in version "v1" cannot be handled as a ${kind}: ${err.message}`);
    throw err;
  }
}

/** Decodes the body into an object of `apiVersion`/`kind`, or throws a 400. */
export function decodeReviewBody(body: Buffer, contentType: string | undefined, apiVersion: string, kind: string): Json {
  const value = mediaType(contentType) === PROTOBUF_MEDIA_TYPE
    ? decodeProtobuf(body, kind)
    : requireObject(decodeBody(body, contentType));
  const gotKind = value.kind;
  const gotVersion = value.apiVersion;
  if (gotKind !== undefined && typeof gotKind !== 'string') throw badRequest(`Object 'Kind' is not a string`);
  if (gotKind && gotKind !== kind) {
    throw badRequest(`the kind in the body (${gotKind}) does not match the kind of the resource (${kind})`);
  }
  if (gotVersion && gotVersion !== apiVersion) {
    throw badRequest(`the API version in the data (${String(gotVersion)}) does not match the expected API version (${apiVersion})`);
  }
  value.apiVersion = apiVersion;
  value.kind = kind;
  return value;
}
