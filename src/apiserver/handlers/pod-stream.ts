/**
 * pods/exec, pods/attach and pods/portforward: Kubernetes' connect subresources. The request has gone
 * through the usual pipeline (authentication, authorization as verb create for POST and get for GET);
 * here its options are read, the container chosen and the pod's node found as the API server's
 * streamLocation does (with its BadRequest wording), then the upgrade request is sent on to the
 * kubelet (`/exec/{ns}/{pod}/{container}?command=…&input=1…`, `/attach/…`, `/portForward/{ns}/{pod}`)
 * over TLS with the API server's kubelet-client certificate, and from the kubelet's answer on the bytes
 * are piped both ways until either side closes (UpgradeAwareHandler). A kubelet that does not
 * upgrade has its answer passed back as it is; kubectl prints "unable to upgrade connection: …".
 *
 * The handler needs the raw socket: the server's 'upgrade' listener wraps it with `upgradeResponse`
 * (a ServerResponse on the socket, for error answers) and runs the normal request pipeline on it.
 */
import { ServerResponse, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { badRequest, internalError, StatusError, type KObject } from '../../api/index.js';
import type { HandlerCtx } from './context.js';
import type { NodeView } from './kubelet-client.js';

export type PodStreamSubresource = 'exec' | 'attach' | 'portforward';

interface PodView extends KObject {
  spec?: { nodeName?: string; initContainers?: Array<{ name?: string }>; containers?: Array<{ name?: string }>; ephemeralContainers?: Array<{ name?: string }> };
}

const upgrades = new WeakMap<IncomingMessage, { socket: Duplex; head: Buffer }>();
let proxies = 0;

/** Upgraded connections being proxied now (for tests: dropped clients leave none). */
export function activePodStreams(): number {
  return proxies;
}

/**
 * For the server's 'upgrade' listener: a ServerResponse writing to the raw socket (used for answers
 * given before any upgrade, e.g. a Status), remembering the socket and its first bytes so that
 * handlePodStream can take the connection over.
 */
export function upgradeResponse(req: IncomingMessage, socket: Duplex, head: Buffer): ServerResponse {
  upgrades.set(req, { socket, head });
  socket.on('error', () => undefined);
  const res = new ServerResponse(req);
  res.assignSocket(socket as Socket);
  res.shouldKeepAlive = false;
  res.once('finish', () => socket.end());
  return res;
}

/** Whether a request arrived as an HTTP upgrade (through upgradeResponse). */
export function isUpgrade(req: IncomingMessage): boolean {
  return upgrades.has(req);
}

/** Go's strconv.ParseBool, as query parameters are converted. */
function parseBool(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  if (v === null || v === '') return false;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  throw badRequest(`strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
}

/** The container a stream goes to, as streamLocation picks and words it. */
export function streamContainer(pod: PodView, requested: string | undefined): string {
  const name = pod.metadata.name ?? '';
  const spec = pod.spec ?? {};
  const names = (l?: Array<{ name?: string }>): string[] => (l ?? []).map((c) => c.name ?? '');
  if (!requested) {
    const main = names(spec.containers);
    if (main.length === 1) return main[0]!;
    if (main.length === 0) throw badRequest(`a container name must be specified for pod ${name}`);
    const init = names(spec.initContainers);
    let msg = `a container name must be specified for pod ${name}, choose one of: [${main.join(' ')}]`;
    if (init.length > 0) msg += ` or one of the init containers: [${init.join(' ')}]`;
    throw badRequest(msg);
  }
  if (![...names(spec.initContainers), ...names(spec.containers), ...names(spec.ephemeralContainers)].includes(requested)) {
    throw badRequest(`container ${requested} is not valid for pod ${name}`);
  }
  return requested;
}

/** The kubelet path and query for a stream request (streamParams). */
export function kubeletStreamTarget(sub: PodStreamSubresource, pod: PodView, q: URLSearchParams): string {
  const ns = pod.metadata.namespace ?? '';
  const name = pod.metadata.name ?? '';
  const params = new URLSearchParams();
  if (sub === 'portforward') {
    const ports: string[] = [];
    for (const v of q.getAll('ports')) {
      for (const p of v.split(',')) {
        const n = Number(p);
        if (!/^\d+$/.test(p) || n < 1 || n > 65535) throw badRequest(`invalid port ${JSON.stringify(p)}`);
        ports.push(String(n));
      }
    }
    if (ports.length > 0) params.set('port', ports.join(','));
    const query = params.toString();
    return `/portForward/${encodeURIComponent(ns)}/${encodeURIComponent(name)}${query ? `?${query}` : ''}`;
  }
  const container = streamContainer(pod, q.get('container') ?? undefined);
  if (parseBool(q, 'stdin')) params.append('input', '1');
  if (parseBool(q, 'stdout')) params.append('output', '1');
  if (parseBool(q, 'stderr')) params.append('error', '1');
  if (parseBool(q, 'tty')) params.append('tty', '1');
  if (sub === 'exec') for (const c of q.getAll('command')) params.append('command', c);
  const query = params.toString();
  return `/${sub}/${[ns, name, container].map(encodeURIComponent).join('/')}${query ? `?${query}` : ''}`;
}

const DROPPED_HEADERS = new Set(['host', 'authorization', 'content-length', 'transfer-encoding']);

function requestHead(req: IncomingMessage, path: string, host: string, port: number): string {
  const lines = [`${req.method ?? 'GET'} ${path} HTTP/1.1`, `Host: ${host.includes(':') ? `[${host}]` : host}:${port}`];
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    const lower = name.toLowerCase();
    if (DROPPED_HEADERS.has(lower) || lower.startsWith('impersonate-')) continue;
    lines.push(`${name}: ${raw[i + 1]}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Reads the kubelet's response head; resolves with its status code and every byte read so far. */
function readResponseHead(backend: Duplex): Promise<{ code: number; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const cleanup = (): void => { backend.off('data', onData); backend.off('end', onEnd); backend.off('error', onEnd); };
    const onData = (c: Buffer): void => {
      buf = Buffer.concat([buf, c]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) {
        if (buf.length > 64 * 1024) { cleanup(); reject(internalError('error proxying to the kubelet: response head too large')); }
        return;
      }
      cleanup();
      backend.pause();
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(buf.subarray(0, end).toString('latin1'));
      if (!m) { reject(internalError('error proxying to the kubelet: malformed response')); return; }
      resolve({ code: Number(m[1]), bytes: buf });
    };
    const onEnd = (): void => { cleanup(); reject(internalError('error proxying to the kubelet: connection closed before a response')); };
    backend.on('data', onData);
    backend.once('end', onEnd);
    backend.once('error', onEnd);
  });
}

/**
 * Pipes two connections into each other. An end on one side is passed on as an end (what was written
 * is still delivered); once one side is closed the other gets a while to finish, then both are gone.
 */
function splice(a: Duplex, b: Duplex): Promise<void> {
  proxies++;
  return new Promise((resolve) => {
    let closed = 0;
    let timer: NodeJS.Timeout | undefined;
    const onClose = (to: Duplex): void => {
      closed++;
      if (closed === 2) {
        clearTimeout(timer);
        proxies--;
        resolve();
        return;
      }
      if (!to.destroyed && !to.writableEnded) to.end();
      timer = setTimeout(() => to.destroy(), 10_000);
      timer.unref();
    };
    for (const [from, to] of [[a, b], [b, a]] as const) {
      from.on('error', () => { a.destroy(); b.destroy(); });
      from.once('close', () => onClose(to));
      from.on('end', () => { if (!to.destroyed && !to.writableEnded) to.end(); });
      from.pipe(to, { end: false });
      from.resume();
    }
  });
}

export async function handlePodStream(ctx: HandlerCtx, sub: PodStreamSubresource): Promise<void> {
  const method = ctx.req.method ?? 'GET';
  if (method !== 'GET' && method !== 'POST') {
    throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  }
  const name = ctx.info.name ?? '';
  const pod = (await ctx.registry.get(ctx.scope, name)) as PodView;
  const target = kubeletStreamTarget(sub, pod, ctx.query);
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) throw badRequest(`pod ${name} does not have a host assigned`);
  const up = upgrades.get(ctx.req);
  if (!up) throw badRequest('Upgrade request required');
  const kubelet = ctx.kubelet;
  if (!kubelet) throw internalError('this server has no connection to kubelets');
  const nodes = ctx.registry.index.lookup('', 'v1', 'nodes');
  if (!nodes) throw internalError('nodes are not served');
  const node = (await ctx.registry.get({ def: nodes, loc: ctx.registry.index.storageOf(nodes) }, nodeName)) as KObject & NodeView;
  const { host, port } = kubelet.location(node);
  const backend = await kubelet.dial(host, port);
  backend.on('error', () => undefined);
  backend.write(requestHead(ctx.req, target, host, port));
  if (up.head.length > 0) backend.write(up.head);
  let head: { code: number; bytes: Buffer };
  try {
    head = await readResponseHead(backend);
  } catch (err) {
    backend.destroy();
    throw err;
  }
  // From here on the client's socket carries the kubelet's bytes, whatever they are.
  ctx.res.detachSocket(up.socket as Socket);
  up.socket.write(head.bytes);
  await splice(up.socket, backend);
}
