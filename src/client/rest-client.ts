/**
 * A small REST client for the API server: requests over keep-alive TLS connections with the
 * kubeconfig's credentials, and streaming watches. Components, tests and benchmarks use it.
 */
import { Agent, request } from 'node:https';
import type { Credentials } from './kubeconfig.js';
import { LineSplitter } from './line-splitter.js';
import { statusErrorFrom } from './status.js';

export interface RestResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface RequestOptions {
  body?: unknown;
  /** Raw body (sent as is) instead of JSON. */
  rawBody?: string | Buffer;
  contentType?: string;
  accept?: string;
}

export interface WatchEventLine { type: string; object: Record<string, unknown> }

export class RestClient {
  private agent: Agent;
  private streamAgent: Agent;
  private url: URL;

  constructor(private creds: Credentials, maxSockets = 64) {
    this.url = new URL(creds.server);
    const tls = { ca: creds.ca, cert: creds.cert, key: creds.key };
    this.agent = new Agent({ keepAlive: true, maxSockets, ...tls });
    this.streamAgent = new Agent({ keepAlive: false, maxSockets: Infinity, ...tls });
  }

  private headers(opts: RequestOptions, data: string | Buffer | undefined): Record<string, string | number> {
    const h: Record<string, string | number> = {};
    if (this.creds.token) h.authorization = `Bearer ${this.creds.token}`;
    if (this.creds.userAgent) h['user-agent'] = this.creds.userAgent;
    if (opts.accept) h.accept = opts.accept;
    if (data !== undefined) {
      h['content-type'] = opts.contentType ?? 'application/json';
      h['content-length'] = Buffer.byteLength(data);
    }
    return h;
  }

  request(method: string, path: string, opts: RequestOptions = {}): Promise<RestResponse> {
    const data = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    return new Promise((resolve, reject) => {
      const req = request({
        host: this.url.hostname, port: this.url.port, method, path, agent: this.agent, headers: this.headers(opts, data),
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(data);
    });
  }

  /** Streams watch events (one JSON object per line) to onEvent; returns a function that stops it. */
  watch(path: string, onEvent: (e: WatchEventLine) => void, onEnd?: (err?: Error) => void): () => void {
    const req = request({ host: this.url.hostname, port: this.url.port, method: 'GET', path, agent: this.streamAgent, headers: this.headers({}, undefined) }, (res) => {
      let partial = '';
      res.on('data', (c: Buffer) => {
        partial += c.toString('utf8');
        let i: number;
        while ((i = partial.indexOf('\n')) >= 0) {
          const line = partial.slice(0, i);
          partial = partial.slice(i + 1);
          if (line.trim()) onEvent(JSON.parse(line) as WatchEventLine);
        }
      });
      res.on('end', () => onEnd?.());
      res.on('error', (e) => onEnd?.(e));
    });
    req.on('error', (e) => onEnd?.(e));
    req.end();
    return () => req.destroy();
  }

  /**
   * Opens a streaming watch: each event is decoded as soon as its line arrives. The stream ends with
   * onEnd(): no error when the server closed it normally, the server's StatusError for a non-2xx
   * answer, or the connection's error. The returned function stops the watch (onEnd is not called).
   */
  openWatch(path: string, onEvent: (e: WatchEventLine) => void, onEnd: (err?: Error) => void): () => void {
    let ended = false;
    const end = (err?: Error): void => {
      if (ended) return;
      ended = true;
      onEnd(err);
    };
    const req = request({ host: this.url.hostname, port: this.url.port, method: 'GET', path, agent: this.streamAgent, headers: this.headers({}, undefined) }, (res) => {
      const status = res.statusCode ?? 0;
      res.on('error', (e) => end(e));
      if (status < 200 || status > 299) {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => end(statusErrorFrom(status, Buffer.concat(chunks).toString('utf8'))));
        return;
      }
      const lines = new LineSplitter((line) => {
        if (ended) return;
        try {
          onEvent(JSON.parse(line) as WatchEventLine);
        } catch (err) {
          end(err instanceof Error ? err : new Error(String(err)));
          req.destroy();
        }
      });
      res.on('data', (c: Buffer) => lines.push(c));
      res.on('end', () => { lines.end(); end(); });
      res.on('close', () => { if (!res.complete) end(new Error('Cannot read watch: the connection closed')); });
    });
    req.on('socket', (s) => s.setKeepAlive(true, 10_000));
    req.on('error', (e) => end(e));
    req.end();
    return () => {
      ended = true;
      req.destroy();
    };
  }

  close(): void {
    this.agent.destroy();
    this.streamAgent.destroy();
  }
}
