/**
 * The API server's HTTP front: TLS, authentication, routing of resource and non-resource paths, and
 * turning every failure into a v1 Status.
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { unauthorized, StatusError } from '../api/index.js';
import { authenticate, impersonate, PUBLIC_PATHS, type TokenAuthenticator } from './authn.js';
import { dispatch, resourceNotFound } from './handlers/dispatch.js';
import type { HandlerCtx } from './handlers/context.js';
import { negotiate } from './negotiate.js';
import { parseResourcePath } from './request-info.js';
import { sendJson, sendRaw, sendStatus, toStatusError } from './respond.js';
import { readBody } from './codec/body.js';
import type { VirtualResourceHandler } from './virtual/index.js';
import type { Registry } from './rest/registry.js';
import type { NonResourceRoutes } from './non-resource.js';
import type { KubeletClient } from './handlers/kubelet-client.js';
import type { RequestMetrics } from './request-metrics.js';
import { upgradeResponse } from './handlers/pod-stream.js';

export interface ServerOptions {
  tls: { cert: string; key: string; ca: string };
  registry: Registry;
  tokens: TokenAuthenticator;
  nonResource: NonResourceRoutes;
  /** Review resources and serviceaccounts/token (never stored). */
  virtual?: VirtualResourceHandler;
  /** How to reach nodes' kubelets (pods/log). */
  kubelet?: KubeletClient;
  /** Where resource requests are counted (/metrics). */
  metrics?: RequestMetrics;
}

const STREAM_SUBRESOURCES = new Set(['log', 'exec', 'attach', 'portforward']);

export function createApiServer(opts: ServerOptions): Server {
  const server = createServer({
    cert: opts.tls.cert, key: opts.tls.key, ca: opts.tls.ca,
    requestCert: true, rejectUnauthorized: false,
    keepAliveTimeout: 65_000,
  }, (req, res) => {
    handle(opts, req, res).catch((err: unknown) => {
      const se = toStatusError(err);
      if (se.code >= 500) process.stderr.write(`apiserver: ${req.method} ${req.url}: ${err instanceof Error ? err.stack : String(err)}\n`);
      sendStatus(res, se);
    });
  });
  // exec, attach and port-forward arrive as HTTP upgrades: the same handling, answered on the socket.
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const res = upgradeResponse(req, socket, head);
    handle(opts, req, res).catch((err: unknown) => {
      if (!res.headersSent && !socket.destroyed) sendStatus(res, toStatusError(err));
      else socket.destroy();
    });
  });
  server.headersTimeout = 60_000;
  server.requestTimeout = 0;
  return server;
}

async function handle(opts: ServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://localhost');
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  const authenticated = authenticate(req, opts.tokens);
  const user = authenticated ? impersonate(req, authenticated) : undefined;
  if (!user && !PUBLIC_PATHS.has(path)) throw unauthorized();
  const rep = negotiate(req.headers.accept);
  const info = parseResourcePath(path);
  if (info) opts.metrics?.observe(req, res, info, url.searchParams);
  if (!info) {
    const nonResource = opts.nonResource.lookup(path);
    if (!nonResource) throw resourceNotFound();
    await nonResource({ req, res, path, query: url.searchParams, rep, user });
    return;
  }
  if (opts.virtual && user) {
    const v = await opts.virtual({
      method: req.method ?? 'GET', info, user, contentType: req.headers['content-type'], readBody: () => readBody(req),
    });
    if (v) {
      if (!rep) throw new StatusError(406, 'NotAcceptable', 'only the following media types are accepted: application/json, application/yaml');
      sendJson({ req, res, rep, query: url.searchParams, warnings: v.warnings }, v.code, v.body);
      return;
    }
  }
  const registry = opts.registry;
  const def = registry.index.lookup(info.group, info.version, info.resource);
  if (!def) throw resourceNotFound();
  // A log is text and a stream is bytes whatever the client accepts; their failures are Statuses in JSON.
  const accepted = !rep && STREAM_SUBRESOURCES.has(info.subresource ?? '') ? { kind: 'json' as const } : rep;
  if (!accepted) {
    throw new StatusError(406, 'NotAcceptable', 'only the following media types are accepted: application/json, application/yaml, application/json;as=Table;v=v1;g=meta.k8s.io');
  }
  if (!def.namespaced && info.namespace) throw resourceNotFound();
  const closed = new Promise<void>((resolve) => {
    req.once('close', () => resolve());
    res.once('close', () => resolve());
  });
  const ctx: HandlerCtx = {
    req, res, rep: accepted, query: url.searchParams, warnings: [], info, def, registry, closed, kubelet: opts.kubelet, user,
    scope: { def, loc: registry.index.storageOf(def), namespace: def.namespaced ? info.namespace : undefined },
  };
  await dispatch(ctx);
}

export { sendRaw };
