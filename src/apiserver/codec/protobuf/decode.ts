/**
 * A protobuf request body turned into the JSON object that the same request in JSON would carry, or a
 * 400 Status worded as the Kubernetes API server words decode failures.
 */
import { badRequest, type ObjectSchema, type StatusError } from '../../../api/index.js';
import { readEnvelope, type Envelope } from './envelope.js';
import { decodeMessage } from './message.js';
import { ProtobufError, WireReader } from './wire.js';

export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

/** The scheme Kubernetes' errors name for a kind it does not know. */
const SCHEME = 'pkg/api/legacyscheme/scheme.go:30';

/** What a request may carry in protobuf. */
export interface ProtobufTarget {
  /** The kind the request expects, named in errors ("… cannot be handled as a ConfigMap"). */
  readonly kind: string;
  /** The schema of the body's apiVersion and kind; undefined when the server does not know the kind. */
  schemaFor(apiVersion: string, kind: string): ObjectSchema | undefined;
}

/** The start of a body in errors, as Kubernetes shows it: at most 30 bytes, as text for JSON, else hex. */
function summary(body: Uint8Array): string {
  if (body.length === 0) return '<empty>';
  const head = Buffer.from(body.subarray(0, 30));
  const shown = body[0] === 0x7b ? head.toString('utf8') : head.toString('hex');
  return body.length > 30 ? `${shown} ...` : shown;
}

function unrecognized(target: ProtobufTarget, reason: string, body: Uint8Array): StatusError {
  return badRequest(`the object provided is unrecognized (must be of type ${target.kind}): ${reason} (${summary(body)})`);
}

/** Decodes an application/vnd.kubernetes.protobuf body; throws a 400 StatusError when it is malformed. */
export function decodeProtobuf(body: Uint8Array, target: ProtobufTarget): Record<string, unknown> {
  let env: Envelope;
  try {
    env = readEnvelope(body);
  } catch (err) {
    if (err instanceof ProtobufError) throw unrecognized(target, err.message, body);
    throw err;
  }
  const typeMeta = `runtime.TypeMeta{APIVersion:${JSON.stringify(env.apiVersion)}, Kind:${JSON.stringify(env.kind)}}`;
  if (!env.kind) throw unrecognized(target, `Object 'Kind' is missing in '${typeMeta}'`, body);
  if (!env.apiVersion) throw unrecognized(target, `Object 'apiVersion' is missing in '${typeMeta}'`, body);
  const version = env.apiVersion.slice(env.apiVersion.indexOf('/') + 1);
  const cannot = `${env.kind} in version ${JSON.stringify(version)} cannot be handled as a ${target.kind}`;
  const schema = target.schemaFor(env.apiVersion, env.kind);
  if (!schema) {
    throw badRequest(`${cannot}: no kind ${JSON.stringify(env.kind)} is registered for version ${JSON.stringify(env.apiVersion)} in scheme ${JSON.stringify(SCHEME)}`);
  }
  try {
    const obj = decodeMessage(new WireReader(env.raw), schema);
    return { apiVersion: env.apiVersion, kind: env.kind, ...obj };
  } catch (err) {
    if (err instanceof ProtobufError) throw badRequest(`${cannot}: ${err.message}`);
    throw err;
  }
}
