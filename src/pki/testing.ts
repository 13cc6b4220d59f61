// Helpers shared by this folder's tests: temporary data directories and a small HTTPS server on
// loopback that records who connected. Not part of the component's API.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type ServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { identityFromPeerCert, type CertificateIdentity } from './identity.js';

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'navarch-pki-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface SeenRequest {
  method: string;
  path: string;
  authorized: boolean;
  authorizationError: string | undefined;
  identity: CertificateIdentity | undefined;
}

export interface TestServer {
  port: number;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export const VERSION_BODY = { major: '1', minor: '32', gitVersion: 'v1.32.0' } as const;

/**
 * An HTTPS server that asks for (but does not require) a client certificate, records each
 * request's path and TLS identity, answers GET /version like kube-apiserver and 404 elsewhere.
 */
export async function startTestServer(
  tls: Pick<ServerOptions, 'key' | 'cert' | 'ca'>,
  host = '127.0.0.1',
): Promise<TestServer> {
  const seen: SeenRequest[] = [];
  const server = createServer({ ...tls, requestCert: true, rejectUnauthorized: false }, (req, res) => {
    const socket = req.socket as TLSSocket;
    const path = new URL(req.url ?? '/', 'https://server.invalid').pathname;
    const authorizationError = socket.authorizationError as unknown;
    seen.push({
      method: req.method ?? '',
      path,
      authorized: socket.authorized,
      authorizationError: authorizationError === null || authorizationError === undefined ? undefined : String(authorizationError),
      identity: socket.authorized ? identityFromPeerCert(socket.getPeerCertificate()) : undefined,
    });
    if (req.method === 'GET' && path === '/version') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(VERSION_BODY));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
