/**
 * The kubelet server's streaming endpoints (exec, attach, portForward): the kubelet's checks in its
 * order and wording before the upgrade — parameters (400), the pod (404 "pod does not exist"), the
 * running container or the pod's sandbox (500 with the runtime's message) — then the upgrade and the
 * session. Every session is registered with the server so that `activeStreams` counts it and closing
 * the server (or the client going away) ends it and whatever it started.
 */
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import {
  acceptPortForward, acceptRemoteCommand, isWebSocketRequest, parsePortForwardPorts, writeRawResponse,
} from '../../streaming/index.js';
import { runAttach } from './attach-session.js';
import { runExec } from './exec-session.js';
import type { LogSource } from './log-source.js';
import { forwardIntoPod } from './port-forward-session.js';
import { findRunningContainer } from './running-container.js';
import type { StreamRequest } from './stream-request.js';
import { remoteCommandOptions } from './stream-request.js';
import type { StreamSource } from './stream-source.js';

export interface StreamDeps {
  logs: LogSource;
  streams?: StreamSource;
  /** Registers a live session; the returned function unregisters it. `stop` must end it at once. */
  track(stop: () => void): () => void;
  streamCreationTimeoutMs?: number;
}

const LINGER_MS = 15_000;

function plainError(socket: Duplex, code: number, text: string): void {
  writeRawResponse(socket, code, text);
}

export async function serveStream(req: IncomingMessage, socket: Duplex, head: Buffer, r: StreamRequest, query: URLSearchParams, deps: StreamDeps): Promise<void> {
  const source = deps.streams;
  if (!source) return plainError(socket, 501, 'streaming is not supported by this node');
  if (r.kind === 'portForward') return servePortForward(req, socket, head, r, query, deps, source);

  let opts;
  try {
    opts = remoteCommandOptions(query);
  } catch (err) {
    return plainError(socket, 400, (err as Error).message);
  }
  const found = await deps.logs.pod(r.namespace, r.pod);
  if (!found || (r.uid && found.pod.metadata.uid !== r.uid)) return plainError(socket, 404, 'pod does not exist');
  const target = await findRunningContainer(found, r.container ?? '', (id) => deps.logs.isRunning(id));
  if ('error' in target) return plainError(socket, 500, target.error);

  const session = await acceptRemoteCommand(req, socket, head, opts, deps.streamCreationTimeoutMs);
  if (!session) return;
  const untrack = deps.track(() => session.destroy());
  try {
    if (r.kind === 'exec') {
      await runExec(session, source, target.containerID, query.getAll('command'), opts);
    } else {
      const logPath = join(found.logDirectory, r.container ?? '', `${target.restartCount}.log`);
      await runAttach(session, source, { containerID: target.containerID, logPath }, opts, () => deps.logs.isRunning(target.containerID));
    }
    // The client closes the connection once it has read everything; it gets a while to do so.
    await Promise.race([session.closed, new Promise((r) => setTimeout(r, LINGER_MS).unref())]);
  } finally {
    session.destroy();
    await session.closed;
    untrack();
  }
}

async function servePortForward(req: IncomingMessage, socket: Duplex, head: Buffer, r: StreamRequest, query: URLSearchParams,
  deps: StreamDeps, source: StreamSource): Promise<void> {
  let ports: number[] | undefined;
  if (isWebSocketRequest(req) && !String(req.headers['sec-websocket-protocol'] ?? '').includes('SPDY/3.1+')) {
    try {
      ports = parsePortForwardPorts(query.getAll('port'));
    } catch (err) {
      return plainError(socket, 400, (err as Error).message);
    }
  }
  const found = await deps.logs.pod(r.namespace, r.pod);
  if (!found || (r.uid && found.pod.metadata.uid !== r.uid)) return plainError(socket, 404, 'pod does not exist');
  const uid = found.pod.metadata.uid ?? '';
  const sandbox = uid ? await source.sandbox(uid) : undefined;
  if (!sandbox) return plainError(socket, 500, `pod not found (${JSON.stringify(`${r.pod}_${r.namespace}`)})`);

  const session = await acceptPortForward(req, socket, head, {
    pod: sandbox.id, uid: '', ports, streamCreationTimeoutMs: deps.streamCreationTimeoutMs,
    forward: (port, stream, signal) => forwardIntoPod(sandbox, port, stream, signal),
  });
  if (!session) return;
  const untrack = deps.track(() => session.destroy());
  try {
    await session.closed;
  } finally {
    untrack();
  }
}
