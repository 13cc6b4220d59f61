/**
 * Maps an API server's failure answer back to the StatusError it was built from, so callers can
 * check `err.code === 404` or `err.reason === 'Conflict'` as they would inside the server.
 */
import { StatusError, type StatusDetails, type StatusReason } from '../api/index.js';

interface StatusBody { kind?: string; code?: number; reason?: string; message?: string; details?: StatusDetails }

/** The StatusError for an HTTP answer with a status outside 2xx (or for a watch ERROR event's object). */
export function statusErrorFrom(httpStatus: number, body: string | object): StatusError {
  let s: StatusBody | undefined;
  if (typeof body === 'object') s = body as StatusBody;
  else {
    try { s = JSON.parse(body) as StatusBody; } catch { s = undefined; }
  }
  if (s?.kind === 'Status') {
    return new StatusError(s.code ?? httpStatus, (s.reason ?? '') as StatusReason, s.message ?? '', s.details);
  }
  const text = typeof body === 'string' ? body.trim() : '';
  return new StatusError(httpStatus, reasonForCode(httpStatus), text || `the server responded with status ${httpStatus}`);
}

/** The reason Kubernetes' clients assume for a bare status code (k8s.io/apimachinery's errors package). */
function reasonForCode(code: number): StatusReason {
  switch (code) {
    case 400: return 'BadRequest';
    case 401: return 'Unauthorized';
    case 403: return 'Forbidden';
    case 404: return 'NotFound';
    case 405: return 'MethodNotAllowed';
    case 406: return 'NotAcceptable';
    case 409: return 'Conflict';
    case 410: return 'Gone';
    case 413: return 'RequestEntityTooLarge';
    case 415: return 'UnsupportedMediaType';
    case 422: return 'Invalid';
    case 429: return 'TooManyRequests';
    case 500: return 'InternalError';
    case 503: return 'ServiceUnavailable';
    case 504: return 'Timeout';
    default: return '';
  }
}

export function isNotFound(err: unknown): boolean {
  return err instanceof StatusError && err.code === 404;
}

export function isConflict(err: unknown): boolean {
  return err instanceof StatusError && err.code === 409 && err.reason === 'Conflict';
}

export function isAlreadyExists(err: unknown): boolean {
  return err instanceof StatusError && err.code === 409 && err.reason === 'AlreadyExists';
}

/** 410: the resourceVersion asked for is no longer in the server's history. */
export function isExpired(err: unknown): boolean {
  return err instanceof StatusError && err.code === 410;
}
