/**
 * Servers on 127.0.0.1 for the probe and hook tests: HTTP/HTTPS with a handler, a self-signed
 * certificate made with openssl in a temporary directory, and a port known to refuse connections.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestServer {
  port: number;
  requests: IncomingMessage[];
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function track(server: Server, requests: IncomingMessage[]): Promise<TestServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        requests,
        close: () => new Promise<void>((r) => {
          for (const s of sockets) s.destroy();
          server.close(() => r());
        }),
      });
    });
  });
}

export function startHttpServer(handler: Handler): Promise<TestServer> {
  const requests: IncomingMessage[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req);
    handler(req, res);
  });
  return track(server, requests);
}

let cert: { key: Buffer; cert: Buffer } | undefined;

/** A self-signed certificate for 127.0.0.1 (made once per process). */
export function selfSignedCert(): { key: Buffer; cert: Buffer } {
  if (cert) return cert;
  const dir = mkdtempSync(join(tmpdir(), `navarch-probes-${process.pid}-`));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=probe-test'], { stdio: 'ignore' });
    cert = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
    return cert;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function startHttpsServer(handler: Handler): Promise<TestServer> {
  const requests: IncomingMessage[] = [];
  const server = https.createServer(selfSignedCert(), (req, res) => {
    requests.push(req);
    handler(req, res);
  });
  return track(server, requests);
}

/** A raw TCP server whose connections the test handles. */
export function startTcpServer(onConnection: (s: Socket) => void = () => undefined): Promise<TestServer> {
  return track(createServer(onConnection), []);
}

/** A loopback port nobody listens on (bound then released). */
export async function closedPort(): Promise<number> {
  const s = await startTcpServer();
  await s.close();
  return s.port;
}
