/**
 * The HTTP side of streaming: recognising an upgrade request (WebSocket, or SPDY/3.1 with
 * `X-Stream-Protocol-Version` offers), negotiating the sub-protocol as Kubernetes' httpstream
 * does (the first protocol the client offers that the server supports), answering 101 and handing
 * back the connection — or answering a plain-text HTTP error on the raw socket, as Go's http.Error
 * writes it.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { SpdyConnection } from './spdy-connection.js';

export const HEADER_PROTOCOL_VERSION = 'X-Stream-Protocol-Version';
export const HEADER_ACCEPTED_PROTOCOL_VERSIONS = 'X-Accepted-Stream-Protocol-Versions';
export const SPDY_31 = 'SPDY/3.1';
/** Port-forward over WebSocket by kubectl 1.31+: SPDY tunnelled in binary messages. */
export const SPDY_TUNNEL_PREFIX = 'SPDY/3.1+';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  422: 'Unprocessable Entity', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

function connectionUpgrade(req: IncomingMessage): boolean {
  return /(^|,)\s*upgrade\s*(,|$)/i.test(String(req.headers.connection ?? ''));
}

export function isWebSocketRequest(req: IncomingMessage): boolean {
  return String(req.headers.upgrade ?? '').toLowerCase() === 'websocket' && connectionUpgrade(req);
}

export function isSpdyRequest(req: IncomingMessage): boolean {
  return String(req.headers.upgrade ?? '').toLowerCase().includes(SPDY_31.toLowerCase()) && connectionUpgrade(req);
}

/** Every value of a header that may repeat, comma-separated values split. */
export function headerValues(req: IncomingMessage, name: string): string[] {
  const raw = req.headersDistinct[name.toLowerCase()] ?? [];
  return raw.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/** The first protocol the client offers that the server supports; undefined when none. */
export function negotiateProtocol(client: readonly string[], server: readonly string[]): string | undefined {
  return client.find((p) => server.includes(p));
}

/** Writes a whole HTTP/1.1 response to a socket that is no longer an HTTP response, then ends it. */
export function writeRawResponse(socket: Duplex, code: number, body: string, headers: Record<string, string | string[]> = {}): void {
  if (socket.destroyed) return;
  const all: Record<string, string | string[]> = {
    'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', ...headers,
    'Content-Length': String(Buffer.byteLength(body)), Connection: 'close',
  };
  const lines = [`HTTP/1.1 ${code} ${STATUS_TEXT[code] ?? 'Error'}`];
  for (const [k, v] of Object.entries(all)) for (const one of Array.isArray(v) ? v : [v]) lines.push(`${k}: ${one}`);
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

/** As Go's http.Error: the text and a newline. */
export function writeHttpError(socket: Duplex, code: number, text: string, headers?: Record<string, string | string[]>): void {
  writeRawResponse(socket, code, `${text}\n`, headers);
}

/**
 * httpstream.Handshake: the negotiated protocol, or undefined after answering the client (400 when it
 * offered none, 403 listing what the server accepts when nothing matched).
 */
export function spdyHandshake(req: IncomingMessage, socket: Duplex, supported: readonly string[]): string | undefined {
  const offered = headerValues(req, HEADER_PROTOCOL_VERSION);
  if (offered.length === 0) {
    writeHttpError(socket, 400, `unable to upgrade: ${HEADER_PROTOCOL_VERSION} is required`);
    return undefined;
  }
  const chosen = negotiateProtocol(offered, supported);
  if (!chosen) {
    writeHttpError(socket, 403, `unable to upgrade: unable to negotiate protocol: client supports [${offered.join(' ')}], server accepts [${supported.join(' ')}]`,
      { [HEADER_ACCEPTED_PROTOCOL_VERSIONS]: [...supported] });
    return undefined;
  }
  return chosen;
}

/** Answers 101 Switching Protocols to SPDY/3.1 and starts a server session on the socket. */
export function acceptSpdy(req: IncomingMessage, socket: Duplex, head: Buffer, protocol: string): SpdyConnection | undefined {
  if (!isSpdyRequest(req)) {
    writeHttpError(socket, 400, 'unable to upgrade: missing upgrade headers in request');
    return undefined;
  }
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: ${SPDY_31}\r\n${HEADER_PROTOCOL_VERSION}: ${protocol}\r\n\r\n`);
  const conn = new SpdyConnection(socket, { server: true });
  if (head.length > 0) socket.unshift(head);
  return conn;
}

/**
 * Completes a WebSocket handshake choosing the first sub-protocol the client offers that is
 * supported ('' stands for "no sub-protocol offered"); undefined after a 400 when none matches.
 */
export async function acceptWebSocket(req: IncomingMessage, socket: Duplex, head: Buffer, supported: readonly string[]): Promise<{ ws: WebSocket; protocol: string } | undefined> {
  const offered = headerValues(req, 'Sec-WebSocket-Protocol');
  const chosen = offered.length === 0 ? (supported.includes('') ? '' : undefined) : negotiateProtocol(offered, supported);
  if (chosen === undefined) {
    writeHttpError(socket, 400, `unable to upgrade: requested protocol(s) are not supported: [${offered.join(' ')}]; supports [${supported.filter((p) => p).join(' ')}]`);
    return undefined;
  }
  // ws accepts only RFC 7230 tokens as sub-protocols, and `SPDY/3.1+portforward.k8s.io` is not one:
  // the handshake is done with a stand-in name, put back in the 101 response's header.
  const STAND_IN = 'navarch-subprotocol';
  if (chosen) req.headers['sec-websocket-protocol'] = STAND_IN;
  return new Promise((resolve) => {
    const onClose = (): void => resolve(undefined);
    socket.once('close', onClose);
    const wss = new WebSocketServer({
      noServer: true, clientTracking: false, perMessageDeflate: false, maxPayload: 64 * 1024 * 1024,
      ...(chosen ? { handleProtocols: () => STAND_IN } : {}),
    });
    wss.on('headers', (headers: string[]) => {
      for (let i = 0; i < headers.length; i++) {
        if (/^sec-websocket-protocol:/i.test(headers[i]!)) headers[i] = `Sec-WebSocket-Protocol: ${chosen}`;
      }
    });
    wss.handleUpgrade(req, socket, head, (ws) => {
      socket.off('close', onClose);
      resolve({ ws, protocol: chosen });
    });
  });
}
