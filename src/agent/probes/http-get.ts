/**
 * A GET as the kubelet's Go HTTP client makes it for probes and hooks: no keep-alive, no proxy, TLS
 * without certificate checks, redirects followed only while they stay on the same host name (at most
 * 10), one deadline over the whole exchange, and errors worded as Go words them
 * (`Get "http://10.42.0.5:8080/healthz": dial tcp 10.42.0.5:8080: connect: connection refused`).
 */
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { goQuote } from '../pod-config/index.js';
import { type HttpGetRequest, requestUrl } from './http-request.js';
import { connErrorText, dialErrorText, dialTimeoutText, joinHostPort, type SysError } from './net-errors.js';

export interface HttpGetOptions {
  /** The client's timeout over connecting, redirects and reading the body; none when absent. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Body bytes kept (the rest is not read). */
  readLimit: number;
  /** Ask for gzip (Go's default transport does; the probe transport disables compression). */
  acceptGzip?: boolean;
}

export interface HttpGetResponse {
  statusCode: number;
  body: Buffer;
}

/** An error of the exchange. `phase` is 'request' (the client's Do failed: a failed probe) or
 *  'body' (reading the body failed: a probe error); `detail` is the text without the `Get "url": `. */
export class HttpGetError extends Error {
  constructor(message: string, readonly phase: 'request' | 'body', readonly detail: string) {
    super(message);
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;
const VALID_VALUE = /^[^\x00-\x08\x0a-\x1f\x7f]*$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export async function httpGet(first: HttpGetRequest, opts: HttpGetOptions): Promise<HttpGetResponse> {
  const deadline = opts.timeoutMs !== undefined && opts.timeoutMs > 0 ? Date.now() + opts.timeoutMs : undefined;
  let req = first;
  let referer: string | undefined;
  for (let via = 1; ; via++) {
    const url = requestUrl(req);
    const res = await send(req, url, referer, deadline, opts);
    const loc = res.headers.location;
    if (!REDIRECTS.has(res.statusCode ?? 0) || !loc) return readBody(res, deadline, opts.readLimit);
    let next: URL;
    try {
      next = new URL(loc, url);
    } catch {
      res.destroy();
      throw new HttpGetError(`Get ${goQuote(url)}: failed to parse Location header ${goQuote(loc)}`, 'request', 'failed to parse Location header');
    }
    if (stripBrackets(next.hostname).toLowerCase() !== first.host.toLowerCase()) return readBody(res, deadline, opts.readLimit);
    res.destroy();
    if (via >= MAX_REDIRECTS) {
      throw new HttpGetError(`Get ${goQuote(loc)}: stopped after 10 redirects`, 'request', 'stopped after 10 redirects');
    }
    const scheme = next.protocol.replace(/:$/, '');
    if (scheme !== 'http' && scheme !== 'https') {
      throw new HttpGetError(`Get ${goQuote(next.href)}: unsupported protocol scheme ${goQuote(scheme)}`, 'request',
        `unsupported protocol scheme ${goQuote(scheme)}`);
    }
    // A custom Host survives only a relative redirect (Go keeps it for those alone).
    const relative = !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(loc);
    const keepHost = relative && req.hostHeader !== '' && req.hostHeader !== joinHostPort(req.host, req.port);
    referer = req.scheme === 'https' && scheme === 'http' ? undefined : explicitReferer(req) ?? url;
    req = {
      scheme,
      host: stripBrackets(next.hostname),
      port: next.port ? Number(next.port) : scheme === 'https' ? 443 : 80,
      target: next.pathname + next.search,
      headers: req.headers,
      hostHeader: keepHost ? req.hostHeader : '',
    };
  }
}

function explicitReferer(req: HttpGetRequest): string | undefined {
  return req.headers.find(([k]) => k === 'Referer')?.[1];
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function send(req: HttpGetRequest, url: string, referer: string | undefined, deadline: number | undefined,
  opts: HttpGetOptions): Promise<IncomingMessage> {
  const fail = (cause: string) => new HttpGetError(`Get ${goQuote(url)}: ${cause}`, 'request', cause);
  for (const [k, v] of req.headers) {
    if (!TOKEN.test(k)) return Promise.reject(fail(`net/http: invalid header field name ${goQuote(k)}`));
    if (!VALID_VALUE.test(v)) return Promise.reject(fail(`net/http: invalid header field value for ${goQuote(k)}`));
  }
  if (req.scheme !== 'http' && req.scheme !== 'https') {
    return Promise.reject(fail(`unsupported protocol scheme ${goQuote(req.scheme)}`));
  }
  const raw: string[] = ['Host', latin1(req.hostHeader || joinHostPort(req.host, req.port))];
  for (const [k, v] of req.headers) {
    if (k === 'Referer' && referer !== undefined) continue;
    raw.push(k, latin1(v));
  }
  if (referer !== undefined) raw.push('Referer', latin1(referer));
  if (opts.acceptGzip) raw.push('Accept-Encoding', 'gzip');
  const target = req.target === '' ? '/' : req.target.startsWith('?') ? `/${req.target}` : req.target;
  return new Promise((resolve, reject) => {
    let connected = false;
    let settled = false;
    const settle = (err?: HttpGetError, res?: IncomingMessage) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (err) {
        r.destroy();
        reject(err);
      } else {
        resolve(res!);
      }
    };
    const mod = req.scheme === 'https' ? https : http;
    let r: http.ClientRequest;
    try {
      r = mod.request({
        host: req.host,
        port: req.port,
        method: 'GET',
        path: target,
        headers: raw,
        setHost: false,
        agent: false,
        rejectUnauthorized: false,
        servername: isIP(req.host) ? '' : req.host,
      });
    } catch (err) {
      settled = true;
      reject(fail((err as Error).message));
      return;
    }
    const onAbort = () => settle(fail(typeof opts.signal?.reason === 'string' ? opts.signal.reason : 'context canceled'));
    if (opts.signal?.aborted) {
      queueMicrotask(onAbort);
    }
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = deadline !== undefined ? setTimeout(() => {
      const cause = connected ? 'context deadline exceeded' : dialTimeoutText(req.host, req.port);
      settle(fail(`${cause} (Client.Timeout exceeded while awaiting headers)`));
    }, Math.max(0, deadline - Date.now())) : undefined;
    r.on('socket', (s) => {
      s.once('connect', () => { connected = true; });
    });
    r.on('response', (res) => settle(undefined, res));
    r.on('error', (err: SysError) => settle(fail(requestErrorText(err, req, connected, r.socket?.localAddress,
      r.socket?.localPort))));
    r.end();
  });
}

function requestErrorText(err: SysError, req: HttpGetRequest, connected: boolean, localAddr?: string, localPort?: number): string {
  if (!connected && (err.syscall === 'connect' || err.syscall === 'getaddrinfo' || err.code === 'ENOTFOUND')) {
    return dialErrorText(err, req.host, req.port);
  }
  if (err.code === 'EPROTO' && /wrong version number|packet length too long|record layer failure|http request/i.test(err.message)) {
    return 'http: server gave HTTP response to HTTPS client';
  }
  if (err.code === 'ECONNRESET' && err.message === 'socket hang up') return 'EOF';
  if (err.code?.startsWith('HPE_')) return `net/http: HTTP/1.x transport connection broken: malformed HTTP response`;
  const local = localAddr && localPort ? joinHostPort(localAddr, localPort) : undefined;
  return connErrorText(err, local, joinHostPort(req.host, req.port));
}

function readBody(res: IncomingMessage, deadline: number | undefined, limit: number): Promise<HttpGetResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err?: HttpGetError) => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      res.destroy();
      if (err) reject(err);
      else resolve({ statusCode: res.statusCode ?? 0, body: Buffer.concat(chunks) });
    };
    const bodyError = (cause: string) => new HttpGetError(cause, 'body', cause);
    const timer = deadline !== undefined ? setTimeout(
      () => finish(bodyError('context deadline exceeded (Client.Timeout or context cancellation while reading body)')),
      Math.max(0, deadline - Date.now())) : undefined;
    res.on('data', (c: Buffer) => {
      const room = limit - size;
      chunks.push(c.subarray(0, room));
      size += Math.min(room, c.length);
      if (size >= limit) finish();
    });
    res.on('end', () => finish());
    res.on('aborted', () => finish(bodyError('unexpected EOF')));
    res.on('error', (err: SysError) => finish(bodyError(err.message === 'aborted' ? 'unexpected EOF' : connErrorText(err))));
  });
}

function latin1(s: string): string {
  return Buffer.from(s, 'utf8').toString('latin1');
}
