/**
 * The bytes and codes of a grpc.health.v1.Health/Check call: the HealthCheckRequest and
 * HealthCheckResponse messages (protobuf, encoded by hand), gRPC's 5-byte message framing, status
 * code names as grpc-go prints them, and how grpc-go turns a non-gRPC HTTP answer into a status.
 */
import { STATUS_CODES } from 'node:http';

export const HEALTH_CHECK_PATH = '/grpc.health.v1.Health/Check';

/** HealthCheckResponse.ServingStatus names by number. */
export const SERVING_STATUS: Record<number, string> = { 0: 'UNKNOWN', 1: 'SERVING', 2: 'NOT_SERVING', 3: 'SERVICE_UNKNOWN' };

export const GRPC_CODE_NAMES = [
  'OK', 'Canceled', 'Unknown', 'InvalidArgument', 'DeadlineExceeded', 'NotFound', 'AlreadyExists', 'PermissionDenied',
  'ResourceExhausted', 'FailedPrecondition', 'Aborted', 'OutOfRange', 'Unimplemented', 'Internal', 'Unavailable',
  'DataLoss', 'Unauthenticated',
] as const;

export const GRPC_UNIMPLEMENTED = 12;
export const GRPC_DEADLINE_EXCEEDED = 4;
export const GRPC_INTERNAL = 13;
export const GRPC_UNAVAILABLE = 14;

export function grpcCodeName(code: number): string {
  return GRPC_CODE_NAMES[code] ?? `Code(${code})`;
}

/** A gRPC status as grpc-go's error prints: `rpc error: code = NotFound desc = unknown service`. */
export class GrpcStatusError extends Error {
  constructor(readonly code: number, readonly details: string) {
    super(`rpc error: code = ${grpcCodeName(code)} desc = ${details}`);
  }
}

function varint(n: number): Buffer {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return Buffer.from(out);
}

/** HealthCheckRequest{service}: field 1, length-delimited; empty when the service is ''. */
export function encodeHealthCheckRequest(service: string): Buffer {
  if (service === '') return Buffer.alloc(0);
  const s = Buffer.from(service, 'utf8');
  return Buffer.concat([Buffer.from([0x0a]), varint(s.length), s]);
}

/** One length-prefixed gRPC message (uncompressed). */
export function frameMessage(msg: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt8(0, 0);
  head.writeUInt32BE(msg.length, 1);
  return Buffer.concat([head, msg]);
}

/** Splits a gRPC body into its messages; throws on a truncated frame or a compressed one. */
export function parseMessages(body: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let i = 0;
  while (i < body.length) {
    if (i + 5 > body.length) throw new Error('truncated message header');
    const compressed = body[i];
    const len = body.readUInt32BE(i + 1);
    if (i + 5 + len > body.length) throw new Error('truncated message');
    if (compressed !== 0) throw new Error('compressed message without a negotiated encoding');
    out.push(body.subarray(i + 5, i + 5 + len));
    i += 5 + len;
  }
  return out;
}

function readVarint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let mul = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) throw new Error('unexpected EOF');
    const b = buf[pos++];
    result += (b & 0x7f) * mul;
    if ((b & 0x80) === 0) return [result, pos];
    mul *= 128;
  }
  throw new Error('varint overflow');
}

/** HealthCheckResponse.status (field 1, varint); 0 (UNKNOWN) when absent. Unknown fields are skipped. */
export function decodeHealthCheckResponse(msg: Buffer): number {
  let status = 0;
  let pos = 0;
  while (pos < msg.length) {
    let key: number;
    [key, pos] = readVarint(msg, pos);
    const field = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) {
      let v: number;
      [v, pos] = readVarint(msg, pos);
      if (field === 1) status = v;
    } else if (wire === 1) {
      pos += 8;
    } else if (wire === 2) {
      let len: number;
      [len, pos] = readVarint(msg, pos);
      pos += len;
    } else if (wire === 5) {
      pos += 4;
    } else {
      throw new Error(`cannot parse invalid wire-format data`);
    }
    if (pos > msg.length) throw new Error('unexpected EOF');
  }
  return status;
}

/** grpc-go's mapping of an HTTP status on a non-gRPC answer. */
const HTTP_TO_GRPC: Record<number, number> = { 400: 13, 401: 16, 403: 7, 404: 12, 429: 14, 502: 14, 503: 14, 504: 14 };

/** The status grpc-go reports for an answer whose HTTP status or content type is not gRPC's. */
export function nonGrpcAnswer(httpStatus: number | undefined, contentType: string | undefined): GrpcStatusError | undefined {
  const isGrpc = contentType !== undefined && /^application\/grpc($|[+;])/.test(contentType);
  const errs: string[] = [];
  if (httpStatus !== undefined && httpStatus !== 200) {
    errs.push(`unexpected HTTP status code received from server: ${httpStatus} (${STATUS_CODES[httpStatus] ?? ''})`);
  }
  if (!isGrpc) {
    errs.push(contentType === undefined ? 'malformed header: missing HTTP content-type'
      : `transport: received unexpected content-type ${JSON.stringify(contentType)}`);
  }
  if (errs.length === 0) return undefined;
  const code = httpStatus === undefined ? GRPC_INTERNAL : HTTP_TO_GRPC[httpStatus] ?? 2;
  return new GrpcStatusError(code, errs.join('; '));
}

/** grpc-message values are percent-encoded. */
export function decodeGrpcMessage(v: string | undefined): string {
  if (!v) return '';
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}
