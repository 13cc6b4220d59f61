/**
 * The HTTP requests a registry pull makes: keep-alive agents, redirects (credentials stay with the
 * host that was asked), a time limit per request, and network errors worded as containerd words them
 * ("dial tcp 127.0.0.1:5000: connect: connection refused"), since that is what users see.
 */
import http from 'node:http';
import https from 'node:https';

export interface FetchResponse {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  url: string;
  body: http.IncomingMessage;
}

export interface FetchOptions {
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>;
  insecureSkipVerify?: boolean;
  timeoutMs?: number;
}

const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 8 });
const insecureAgent = new https.Agent({ keepAlive: true, maxSockets: 8, rejectUnauthorized: false });

/** A request that failed before any HTTP status arrived. */
export class NetworkError extends Error {
  constructor(message: string, readonly code: string | undefined) {
    super(message);
    this.name = 'NetworkError';
  }
}

export async function fetchURL(url: string, opts: FetchOptions = {}): Promise<FetchResponse> {
  let current = url;
  let headers = { ...(opts.headers ?? {}) };
  for (let hop = 0; hop < 6; hop++) {
    const res = await once(current, { ...opts, headers });
    if (res.status >= 300 && res.status < 400 && res.status !== 304 && typeof res.headers.location === 'string') {
      res.body.resume();
      const next = new URL(res.headers.location, current);
      if (next.host !== new URL(current).host) {
        headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'authorization'));
      }
      current = next.toString();
      continue;
    }
    return res;
  }
  throw new NetworkError(`failed to do request: ${opts.method ?? 'GET'} "${url}": stopped after 5 redirects`, undefined);
}

/** Reads a whole (small) body, at most `limit` bytes. */
export async function readBody(res: FetchResponse, limit = 8 << 20): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      res.body.destroy();
      throw new Error(`Cannot read response from ${res.url}: larger than ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function once(url: string, opts: FetchOptions): Promise<FetchResponse> {
  const u = new URL(url);
  const isHttps = u.protocol === 'https:';
  const method = opts.method ?? 'GET';
  const agent = isHttps ? (opts.insecureSkipVerify ? insecureAgent : httpsAgent) : httpAgent;
  const mod = isHttps ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(u, { method, headers: opts.headers, agent }, (res) => {
      resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: res.headers, url, body: res });
    });
    req.setTimeout(opts.timeoutMs ?? 30_000, () => {
      req.destroy(Object.assign(new Error('i/o timeout'), { code: 'ETIMEDOUT' }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => reject(networkError(method, url, u, err)));
    req.end();
  });
}

function networkError(method: string, url: string, u: URL, err: NodeJS.ErrnoException): NetworkError {
  const verb = method === 'HEAD' ? 'Head' : 'Get';
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  const addr = `${u.hostname}:${port}`;
  let what: string;
  switch (err.code) {
    case 'ECONNREFUSED': what = `dial tcp ${addr}: connect: connection refused`; break;
    case 'ENOTFOUND': case 'EAI_AGAIN': what = `dial tcp: lookup ${u.hostname}: no such host`; break;
    case 'ETIMEDOUT': what = `dial tcp ${addr}: i/o timeout`; break;
    case 'ECONNRESET': what = `read tcp ${addr}: connection reset by peer`; break;
    case 'EHOSTUNREACH': case 'ENETUNREACH': what = `dial tcp ${addr}: connect: network is unreachable`; break;
    default: what = err.message;
  }
  return new NetworkError(`failed to do request: ${verb} "${url}": ${what}`, err.code);
}
