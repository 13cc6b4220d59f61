/**
 * GET /containerLogs/{namespace}/{pod}/{container}: a container's log as the kubelet serves it to the
 * API server — the checks in the kubelet's order and wording (missing parts, a query that does not
 * decode or validate, no such pod or container, a container with no log yet), then the log as
 * text/plain, streamed; a failure once streaming began is written into the body, as the kubelet does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { goQuote } from '../pod-config/index.js';
import { readContainerLog } from '../logs/index.js';
import { selectLogContainer } from './container-log-status.js';
import { parseContainerLogQuery, sinceNsOf } from './log-query.js';
import type { LogPod, LogSource } from './log-source.js';

export interface ContainerLogRequest {
  namespace: string;
  pod: string;
  container: string;
  query: URLSearchParams;
}

function plain(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function hasContainer(pod: LogPod['pod'], name: string): boolean {
  const spec = pod.spec ?? {};
  return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])].some((c) => c.name === name);
}

export async function serveContainerLogs(
  req: IncomingMessage, res: ServerResponse, r: ContainerLogRequest, source: LogSource, signal: AbortSignal,
): Promise<void> {
  if (!r.pod) return plain(res, 400, '{"message": "Missing podID."}');
  if (!r.container) return plain(res, 400, '{"message": "Missing container name."}');
  if (!r.namespace) return plain(res, 400, '{"message": "Missing podNamespace."}');
  const parsed = parseContainerLogQuery(r.query);
  if ('error' in parsed) {
    return parsed.error === 'decode' ? plain(res, 400, '{"message": "Unable to decode query."}') : plain(res, 422, '{"message": "Invalid request."}');
  }
  const opts = parsed.ok;
  const found = await source.pod(r.namespace, r.pod);
  if (!found) return plain(res, 404, `pod ${goQuote(r.pod)} does not exist`);
  if (!hasContainer(found.pod, r.container)) return plain(res, 404, `container ${goQuote(r.container)} not found in pod ${goQuote(r.pod)}`);
  const chosen = selectLogContainer(found.pod.metadata.name ?? r.pod, found.pod.status, r.container, opts.previous);
  if ('error' in chosen) return plain(res, 400, chosen.error);

  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  const path = join(found.logDirectory, r.container, `${chosen.attempt}.log`);
  const sinceNs = sinceNsOf(opts);
  try {
    await readContainerLog(path, {
      follow: opts.follow,
      timestamps: opts.timestamps,
      ...(opts.tailLines !== undefined ? { tailLines: opts.tailLines } : {}),
      ...(opts.limitBytes !== undefined ? { limitBytes: opts.limitBytes } : {}),
      ...(sinceNs !== undefined ? { sinceNs } : {}),
    }, res, { isRunning: () => source.isRunning(chosen.containerID), signal });
  } catch (err) {
    if (!res.destroyed) res.write((err as Error).message);
  }
  if (!req.destroyed && !res.destroyed) res.end();
}
