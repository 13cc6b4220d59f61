/**
 * StatusError: an error that crosses the API as a v1 Status, with Kubernetes' reason, code and wording
 * (`pods "web" not found`). Constructors below are the only way handlers build failures.
 */
import { fieldErrorString, type FieldError } from './meta/field-errors.js';

export type StatusReason =
  | 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Invalid' | 'BadRequest' | 'MethodNotAllowed' | 'Gone'
  | 'Expired' | 'Forbidden' | 'Unauthorized' | 'RequestEntityTooLarge' | 'UnsupportedMediaType'
  | 'NotAcceptable' | 'InternalError' | 'Timeout' | 'TooManyRequests' | 'ServiceUnavailable' | '';

export interface StatusCause { reason?: string; message?: string; field?: string }

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never> | { resourceVersion?: string };
  status: 'Failure' | 'Success';
  message?: string;
  reason?: StatusReason;
  details?: StatusDetails;
  code: number;
}

/** A resource named the way error messages name it: "pods", "deployments.apps". */
export interface QualifiedResource { group: string; resource: string }

export function qualified(r: QualifiedResource): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

export class StatusError extends Error {
  constructor(readonly code: number, readonly reason: StatusReason, message: string, readonly details?: StatusDetails) {
    super(message);
    this.name = 'StatusError';
  }

  toStatus(): Status {
    const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message, reason: this.reason, code: this.code };
    if (this.details) s.details = this.details;
    if (!this.reason) delete s.reason;
    return s;
  }
}

export function notFound(r: QualifiedResource, name: string): StatusError {
  return new StatusError(404, 'NotFound', `${qualified(r)} "${name}" not found`, { name, group: r.group || undefined, kind: r.resource });
}

export function alreadyExists(r: QualifiedResource, name: string): StatusError {
  return new StatusError(409, 'AlreadyExists', `${qualified(r)} "${name}" already exists`, { name, group: r.group || undefined, kind: r.resource });
}

export function conflict(r: QualifiedResource, name: string, detail: string): StatusError {
  return new StatusError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(r)} "${name}": ${detail}`, {
    name, group: r.group || undefined, kind: r.resource,
  });
}

export const MODIFIED_CONFLICT = 'the object has been modified; please apply your changes to the latest version and try again';

/** `Deployment.apps "x" is invalid: spec.replicas: Invalid value: …` */
export function invalid(kind: { group: string; kind: string }, name: string, errs: FieldError[]): StatusError {
  const qk = kind.group ? `${kind.kind}.${kind.group}` : kind.kind;
  const parts = errs.map(fieldErrorString);
  const text = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
  return new StatusError(422, 'Invalid', `${qk} "${name}" is invalid: ${text}`, {
    name, group: kind.group || undefined, kind: kind.kind,
    causes: errs.map((e) => ({ reason: e.type, message: e.message, field: e.field })),
  });
}

export function badRequest(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message);
}

export function methodNotSupported(r: QualifiedResource, verb: string): StatusError {
  return new StatusError(405, 'MethodNotAllowed', `${verb} is not supported on resources of kind "${qualified(r)}"`, { group: r.group || undefined, kind: r.resource });
}

export function expired(message: string): StatusError {
  return new StatusError(410, 'Expired', message);
}

export function gone(message: string): StatusError {
  return new StatusError(410, 'Gone', message);
}

export function forbidden(message: string): StatusError {
  return new StatusError(403, 'Forbidden', message);
}

export function unauthorized(message = 'Unauthorized'): StatusError {
  return new StatusError(401, 'Unauthorized', message);
}

export function entityTooLarge(message = 'Request entity too large: limit is 3145728'): StatusError {
  return new StatusError(413, 'RequestEntityTooLarge', message);
}

export function unsupportedMediaType(contentType: string): StatusError {
  return new StatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`
    + (contentType ? '' : ''));
}

export function notAcceptable(message: string): StatusError {
  return new StatusError(406, 'NotAcceptable', message);
}

export function internalError(message: string): StatusError {
  return new StatusError(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
}

export function serviceUnavailable(message: string): StatusError {
  return new StatusError(503, 'ServiceUnavailable', message);
}

export function isStatusError(e: unknown): e is StatusError {
  return e instanceof StatusError;
}
