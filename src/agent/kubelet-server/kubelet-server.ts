/**
 * The node agent's HTTPS server, as the kubelet's on port 10250: the API server reaches it to read
 * containers' logs (`kubectl logs`) and, by HTTP upgrade, to exec, attach and port-forward
 * (stream-routes.ts). Clients must present a certificate signed by the cluster CA, and only the API
 * server's kubelet client (or a cluster admin) may use it: anyone else gets the kubelet's 401 or 403.
 * Following streams and streaming sessions are cut when the server closes.
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { writeRawResponse } from '../../streaming/index.js';
import { identityFromPeerCert, type CertificateIdentity } from '../../pki/index.js';
import { serveContainerLogs } from './container-logs.js';
import type { LogSource } from './log-source.js';
import { parseStreamPath } from './stream-request.js';
import { serveStream } from './stream-routes.js';
import type { StreamSource } from './stream-source.js';

export const DEFAULT_KUBELET_PORT = 10250;
/** The user the API server presents to kubelets (as kubeadm names it). */
export const KUBELET_CLIENT_USER = 'kube-apiserver-kubelet-client';

export interface KubeletServerOptions {
  /** The serving certificate and key (PEM). */
  cert: string;
  key: string;
  /** The CA whose client certificates are accepted (the cluster CA). */
  clientCA: string;
  /** Default 10250; 0 picks a free port. */
  port?: number;
  /** Default 0.0.0.0. */
  host?: string;
  logs: LogSource;
  /** exec, attach and port-forward; without it those answer 501. */
  streams?: StreamSource;
  /** How long a client has to open its streams after the upgrade (default 30 s, as the kubelet). */
  streamCreationTimeoutMs?: number;
  /** Who may read; default the API server's kubelet client and members of system:masters. */
  authorize?: (user: CertificateIdentity) => boolean;
  log?: (line: string) => void;
}

export interface KubeletServer {
  readonly port: number;
  readonly server: Server;
  /** Log requests and streaming sessions (exec, attach, port-forward) being served now. */
  readonly activeStreams: number;
  close(): Promise<void>;
}

function defaultAuthorize(user: CertificateIdentity): boolean {
  return user.user === KUBELET_CLIENT_USER || user.groups.includes('system:masters');
}

function forbidden(user: CertificateIdentity, method: string | undefined): string {
  return `Forbidden (user=${user.user}, verb=${method === 'GET' ? 'get' : 'create'}, resource=nodes, subresource(s)=[proxy])`;
}

function plain(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startKubeletServer(opts: KubeletServerOptions): Promise<KubeletServer> {
  const authorize = opts.authorize ?? defaultAuthorize;
  const streams = new Set<AbortController>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const socket = req.socket as TLSSocket;
    const user = socket.authorized ? identityFromPeerCert(socket.getPeerCertificate()) : undefined;
    if (!user) return plain(res, 401, 'Unauthorized');
    const url = new URL(req.url ?? '/', 'https://kubelet');
    const path = url.pathname;
    if (path === '/healthz') return plain(res, 200, 'ok');
    if (parseStreamPath(path)) {
      if (!authorize(user)) return plain(res, 403, forbidden(user, req.method));
      return plain(res, 400, 'unable to upgrade: missing upgrade headers in request');
    }
    if (!path.startsWith('/containerLogs/')) return plain(res, 404, '404 page not found\n');
    if (!authorize(user)) return plain(res, 403, forbidden(user, req.method));
    if (req.method !== 'GET') return plain(res, 405, '405: Method Not Allowed');
    const parts = path.slice('/containerLogs/'.length).split('/').map((p) => decodeURIComponent(p));
    if (parts.length !== 3) return plain(res, 404, '404 page not found\n');
    const [namespace, pod, container] = parts as [string, string, string];
    const ac = new AbortController();
    streams.add(ac);
    const abort = (): void => ac.abort();
    res.once('close', abort);
    try {
      await serveContainerLogs(req, res, { namespace, pod, container, query: url.searchParams }, opts.logs, ac.signal);
    } finally {
      streams.delete(ac);
      res.off('close', abort);
    }
  };

  const server = createServer({
    cert: opts.cert, key: opts.key, ca: opts.clientCA, requestCert: true, rejectUnauthorized: false,
  }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      opts.log?.(`kubelet server: ${req.method} ${req.url}: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) plain(res, 500, err instanceof Error ? err.message : String(err));
      else res.destroy();
    });
  });
  server.requestTimeout = 0;

  const track = (stop: () => void): (() => void) => {
    const ac = new AbortController();
    ac.signal.addEventListener('abort', stop, { once: true });
    streams.add(ac);
    return () => { streams.delete(ac); };
  };
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined);
    const tls = req.socket as TLSSocket;
    const user = tls.authorized ? identityFromPeerCert(tls.getPeerCertificate()) : undefined;
    const url = new URL(req.url ?? '/', 'https://kubelet');
    if (!user) return writeRawResponse(socket, 401, 'Unauthorized');
    const r = parseStreamPath(url.pathname);
    if (!r) return writeRawResponse(socket, 404, '404 page not found\n');
    if (!authorize(user)) return writeRawResponse(socket, 403, forbidden(user, req.method));
    serveStream(req, socket, head, r, url.searchParams, {
      logs: opts.logs, streams: opts.streams, track, streamCreationTimeoutMs: opts.streamCreationTimeoutMs,
    }).catch((err: unknown) => {
      opts.log?.(`kubelet server: ${req.method} ${req.url}: ${err instanceof Error ? err.message : String(err)}`);
      writeRawResponse(socket, 500, err instanceof Error ? err.message : String(err));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? DEFAULT_KUBELET_PORT, opts.host ?? '0.0.0.0', () => { server.off('error', reject); resolve(); });
  });
  return {
    port: (server.address() as AddressInfo).port,
    server,
    get activeStreams() { return streams.size; },
    async close() {
      for (const ac of streams) ac.abort();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
