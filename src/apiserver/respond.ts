/** Writing responses: objects, lists, Tables, Statuses and warnings, in the negotiated representation. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { stringify } from 'yaml';
import { internalError, StatusError, type KObject, type ResourceDef, type Status } from '../api/index.js';
import type { Representation } from './negotiate.js';
import { buildTable, type IncludeObject } from './table.js';

export interface ResponseCtx {
  req: IncomingMessage;
  res: ServerResponse;
  rep: Representation;
  query: URLSearchParams;
  warnings: string[];
}

function writeWarnings(ctx: ResponseCtx): void {
  if (ctx.warnings.length && !ctx.res.headersSent) {
    ctx.res.setHeader('Warning', ctx.warnings.map((w) => `299 - ${JSON.stringify(w)}`));
  }
}

export function sendRaw(res: ServerResponse, code: number, body: string, contentType = 'application/json'): void {
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

export function sendJson(ctx: ResponseCtx, code: number, value: unknown, json?: string): void {
  writeWarnings(ctx);
  if (ctx.rep.kind === 'yaml') {
    sendRaw(ctx.res, code, stringify(json ? JSON.parse(json) : value), 'application/yaml');
    return;
  }
  sendRaw(ctx.res, code, json ?? JSON.stringify(value));
}

export function includeObjectOf(q: URLSearchParams): IncludeObject {
  const v = q.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

/** One object, as itself, a one-row Table, or PartialObjectMetadata. */
export function sendObject(ctx: ResponseCtx, code: number, def: ResourceDef, obj: KObject): void {
  const rep = ctx.rep;
  if (rep.kind === 'table') {
    sendJson(ctx, code, buildTable(def, [obj], { version: rep.version, includeObject: includeObjectOf(ctx.query), resourceVersion: obj.metadata.resourceVersion }));
    return;
  }
  if (rep.kind === 'metadata') {
    sendJson(ctx, code, { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${rep.version}`, metadata: obj.metadata });
    return;
  }
  sendJson(ctx, code, obj);
}

export function sendStatus(res: ServerResponse, err: StatusError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendRaw(res, err.code, JSON.stringify(err.toStatus()));
}

export function sendSuccess(ctx: ResponseCtx, details: Status['details']): void {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details, code: 200 };
  sendJson(ctx, 200, s);
}

/** Converts anything thrown while serving to a Status (unknown errors become 500 InternalError). */
export function toStatusError(err: unknown): StatusError {
  if (err instanceof StatusError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  return internalError(msg);
}
