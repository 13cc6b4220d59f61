/**
 * GET pods/<name>/log: the pod's container log, proxied from the kubelet of the pod's node as
 * Kubernetes does (LogREST): options decoded and validated, the container chosen (the only one, or
 * the one named; several and none named is a 400 listing them), an unscheduled pod answers an empty
 * log, and the kubelet's answer is streamed back as text/plain — its failures turned into Statuses by
 * the generic response checker (400 keeps the kubelet's words, e.g. why a container has no log yet).
 */
import { badRequest, internalError, StatusError, type KObject, type StatusReason } from '../../api/index.js';
import type { HandlerCtx } from './context.js';
import type { NodeView } from './kubelet-client.js';
import { kubeletLogQuery, podLogOptions } from './pod-log-options.js';

interface PodView extends KObject {
  spec?: {
    nodeName?: string;
    initContainers?: Array<{ name?: string }>;
    containers?: Array<{ name?: string }>;
    ephemeralContainers?: Array<{ name?: string }>;
  };
}

/** At most this much of a failed kubelet answer is read (as the API server does). */
const MAX_ERROR_BODY = 50_000;

/** The container to read, as the API server's validateContainer picks it. */
export function logContainer(pod: PodView, requested: string | undefined): string {
  const name = pod.metadata.name ?? '';
  const spec = pod.spec ?? {};
  const all = [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])].map((c) => c.name ?? '');
  if (!requested) {
    const main = spec.containers ?? [];
    if (main.length === 1) return main[0]!.name ?? '';
    if (main.length === 0) throw badRequest(`a container name must be specified for pod ${name}`);
    throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${all.join(' ')}]`);
  }
  if (!all.includes(requested)) throw badRequest(`container ${requested} is not valid for pod ${name}`);
  return requested;
}

const GENERIC: Record<number, [StatusReason, string]> = {
  400: ['BadRequest', 'the server rejected our request for an unknown reason'],
  401: ['Unauthorized', 'the server has asked for the client to provide credentials'],
  404: ['NotFound', 'the server could not find the requested resource'],
  405: ['MethodNotAllowed', 'the server does not allow this method on the requested resource'],
  409: ['Conflict', 'the server reported a conflict'],
  422: ['Invalid', 'the server rejected our request due to an error in our request'],
  429: ['TooManyRequests', 'the server has received too many requests and has asked us to try again later'],
  504: ['Timeout', 'the server was unable to return a response in the time allotted, but may still be processing the request'],
};

/** A failed kubelet answer as the Status Kubernetes makes of it (GenericHttpResponseChecker). */
export function kubeletFailure(code: number, body: string, podName: string): StatusError {
  if (code === 500) return internalError(body);
  if (code === 400) return badRequest(body);
  let [reason, message]: [StatusReason, string] = GENERIC[code] ?? ['', `the server responded with the status code ${code} but did not return more information`];
  if (code === 403) [reason, message] = ['Forbidden', body];
  else if (!GENERIC[code] && code >= 500) [reason, message] = ['InternalError', `an error on the server (${JSON.stringify(body)}) has prevented the request from succeeding`];
  return new StatusError(code, reason, `${message} ( pods/log ${podName})`, { name: podName, kind: 'pods/log' });
}

async function readLimited(res: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of res) {
    if (size < MAX_ERROR_BODY) chunks.push(c.subarray(0, MAX_ERROR_BODY - size));
    size += c.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function handlePodLog(ctx: HandlerCtx): Promise<void> {
  const name = ctx.info.name ?? '';
  const opts = podLogOptions(ctx.query, name);
  const pod = (await ctx.registry.get(ctx.scope, name)) as PodView;
  const container = logContainer(pod, opts.container);
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) {
    // Not scheduled: no location, an empty log.
    ctx.res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 0 });
    ctx.res.end();
    return;
  }
  const kubelet = ctx.kubelet;
  if (!kubelet) throw internalError('this server has no connection to kubelets');
  const nodes = ctx.registry.index.lookup('', 'v1', 'nodes');
  if (!nodes) throw internalError('nodes are not served');
  const node = (await ctx.registry.get({ def: nodes, loc: ctx.registry.index.storageOf(nodes) }, nodeName)) as KObject & NodeView;
  const { host, port } = kubelet.location(node);
  const ns = pod.metadata.namespace ?? '';
  const path = ['containerLogs', ns, pod.metadata.name ?? name, container].map(encodeURIComponent).join('/');
  const query = kubeletLogQuery(opts);
  const url = new URL(`https://${host.includes(':') ? `[${host}]` : host}:${port}/${path}${query ? `?${query}` : ''}`);

  const ac = new AbortController();
  void ctx.closed.then(() => ac.abort());
  const upstream = await kubelet.get(url, { insecureSkipVerify: opts.insecureSkipTLSVerifyBackend, signal: ac.signal });
  const code = upstream.statusCode ?? 500;
  if (code < 200 || code > 206) throw kubeletFailure(code, await readLimited(upstream), name);

  ctx.res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
  ctx.res.flushHeaders();
  await new Promise<void>((resolve) => {
    const done = (): void => { upstream.destroy(); resolve(); };
    upstream.on('data', (chunk: Buffer) => {
      if (!ctx.res.write(chunk)) {
        upstream.pause();
        ctx.res.once('drain', () => upstream.resume());
      }
    });
    upstream.once('end', () => { ctx.res.end(); resolve(); });
    upstream.once('error', () => { ctx.res.destroy(); resolve(); });
    ctx.res.once('close', done);
  });
}
