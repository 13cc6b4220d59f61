/**
 * Request bodies: read with a size limit and decoded from JSON, YAML or Kubernetes' protobuf.
 * Malformed input becomes a 400 Status in Kubernetes' wording; nothing reaches the store.
 */
import type { IncomingMessage } from 'node:http';
import { parseDocument } from 'yaml';
import { badRequest, entityTooLarge, unsupportedMediaType } from '../../api/index.js';
import { decodeProtobuf, deleteOptionsTarget, PROTOBUF_MEDIA_TYPE, type ProtobufTarget } from './protobuf/index.js';

export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    throw entityTooLarge(`Request entity too large: limit is ${limit}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      req.resume();
      throw entityTooLarge(`Request entity too large: limit is ${limit}`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Decodes a JSON, YAML or protobuf body to a value. A protobuf body is decoded by the schema that
 * `protobuf` gives for the kind it names (default: DeleteOptions only).
 */
export function decodeBody(body: Buffer, contentType: string | undefined, protobuf: ProtobufTarget = deleteOptionsTarget): unknown {
  const mt = mediaType(contentType);
  if (mt === PROTOBUF_MEDIA_TYPE) return decodeProtobuf(body, protobuf);
  const text = body.toString('utf8');
  if (mt === '' || mt === 'application/json' || mt.endsWith('+json')) {
    try {
      return JSON.parse(text);
    } catch (err) {
      throw badRequest(`couldn't get version/kind; json parse error: ${jsonErrorText(err, text)}`);
    }
  }
  if (mt === 'application/yaml' || mt.endsWith('+yaml') || mt === 'text/yaml') {
    const doc = parseDocument(text, { uniqueKeys: false });
    if (doc.errors.length) throw badRequest(`error converting YAML to JSON: yaml: ${doc.errors[0].message.split('\n')[0]}`);
    return doc.toJS({ maxAliasCount: 100 });
  }
  throw unsupportedMediaType(mt);
}

function jsonErrorText(err: unknown, text: string): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (text.trim() === '') return 'unexpected end of JSON input';
  if (/Unexpected end/.test(msg)) return 'unexpected end of JSON input';
  const m = /Unexpected token '?(.)'?/.exec(msg);
  if (m) return `invalid character '${m[1]}' looking for beginning of value`;
  return msg;
}

/** The body must be a JSON object (an API object or a patch). */
export function requireObject(v: unknown, what = 'object'): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw badRequest(`the body of the request was not a valid ${what}: expected a JSON object`);
  }
  return v as Record<string, unknown>;
}
