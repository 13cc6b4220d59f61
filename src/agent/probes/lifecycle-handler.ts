/**
 * postStart and preStop hooks as the kubelet's handler runner carries them out: exec in the
 * container (a non-zero exit fails), an HTTP GET (any answer succeeds, only a failed request fails;
 * an HTTPS hook answered in plain HTTP is retried over HTTP with a LifecycleHTTPFallback warning), or
 * a sleep (cut short when the signal aborts). tcpSocket is accepted by the API only for backward
 * compatibility: the kubelet cannot run it, so the hook fails as an invalid handler. The failure
 * text is the kubelet's (`Exec lifecycle hook ([sh -c exit 3]) for Container "web" in Pod
 * "web_default(uid)" failed - error: command 'sh -c exit 3' exited with 3: , message: ""`); the
 * events say only `PostStartHook failed` / `PreStopHook failed` (see hookFailedEvent).
 */
import type { Container, Handler, Pod } from '../../api/types/core/pod/index.js';
import { execTimeoutMessage } from './exec-prober.js';
import { formatPod, goQuote } from '../pod-config/index.js';
import { goIntOrString, goStringSlice } from './go-format.js';
import { httpGet, HttpGetError } from './http-get.js';
import { newHttpGetRequest } from './http-request.js';
import { joinHostPort } from './net-errors.js';
import { hookFailedEvent, REASON_LIFECYCLE_HTTP_FALLBACK } from './probe-events.js';
import { type Clock, type ExecFn, type ProbeEvent, systemClock } from './types.js';

export interface LifecycleTarget {
  pod: Pod;
  podIP?: string;
  container: Container;
  containerId: string;
}

export interface LifecycleOptions {
  /** The runtime's execSync. */
  exec: ExecFn;
  /** Which hook this is: a failure then carries its FailedPostStartHook / FailedPreStopHook event. */
  kind?: 'postStart' | 'preStop';
  /** Bound on the whole hook (the kubelet gives postStart none and preStop the grace period): an
   *  exec is killed, an HTTP request or sleep given up, and the hook fails. */
  timeoutMs?: number;
  /** Gives up an HTTP hook or a sleep early (the container is going away). */
  signal?: AbortSignal;
  clock?: Clock;
}

export interface LifecycleResult {
  ok: boolean;
  /** The kubelet's description of the failure (a PostStartHookError's message, a log line). */
  message?: string;
  /** Events to record against the container: FailedPostStartHook / FailedPreStopHook ("… failed",
   *  never the details, as the kubelet keeps them out of events) and LifecycleHTTPFallback. */
  events: ProbeEvent[];
}

const MAX_TIMER = 2_147_483_647;
const MAX_BODY = 10 * 1024;
const HTTP_TO_HTTPS = 'http: server gave HTTP response to HTTPS client';
const DEADLINE = 'context deadline exceeded';

export async function runLifecycleHandler(handler: Handler, target: LifecycleTarget, opts: LifecycleOptions): Promise<LifecycleResult> {
  const clock = opts.clock ?? systemClock;
  const limit = opts.timeoutMs !== undefined && opts.timeoutMs > 0 ? Math.min(opts.timeoutMs, MAX_TIMER) : undefined;
  const ac = new AbortController();
  const onAbort = () => ac.abort('context canceled');
  if (opts.signal?.aborted) onAbort();
  else opts.signal?.addEventListener('abort', onAbort, { once: true });
  const timer = limit !== undefined ? clock.setTimeout(() => ac.abort(DEADLINE), limit) : undefined;
  try {
    const events: ProbeEvent[] = [];
    const message = await run(handler, target, opts.exec, limit ?? MAX_TIMER, ac.signal, clock, events);
    if (message === undefined) return { ok: true, events };
    if (opts.kind) events.unshift(hookFailedEvent(opts.kind));
    return { ok: false, message, events };
  } finally {
    if (timer !== undefined) clock.clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

/** The hook's failure text, or undefined when it succeeded. */
async function run(handler: Handler, target: LifecycleTarget, exec: ExecFn, execTimeoutMs: number, signal: AbortSignal,
  clock: Clock, events: ProbeEvent[]): Promise<string | undefined> {
  const where = `for Container ${goQuote(target.container.name ?? '')} in Pod ${goQuote(formatPod(target.pod))}`;
  if (handler.exec) {
    const command = handler.exec.command ?? [];
    const { error, output } = await runExec(exec, target.containerId, command, execTimeoutMs);
    if (error === undefined) return undefined;
    return `Exec lifecycle hook (${goStringSlice(command)}) ${where} failed - error: ${error}, message: ${goQuote(output)}`;
  }
  if (handler.httpGet) {
    const error = await runHttp(handler, target, signal, events);
    if (error === undefined) return undefined;
    return `HTTP lifecycle hook (${handler.httpGet.path ?? ''}) ${where} failed - error: ${error}`;
  }
  if (handler.sleep) {
    const seconds = handler.sleep.seconds ?? 0;
    if (await sleep(seconds * 1000, signal, clock)) return undefined;
    return `Sleep lifecycle hook (${seconds}) ${where} failed - error: container terminated before sleep hook finished`;
  }
  return `Cannot run handler: invalid handler: ${goHandler(handler)}`;
}

async function runExec(exec: ExecFn, containerId: string, command: string[], timeoutMs: number): Promise<{ error?: string; output: Buffer }> {
  let r;
  try {
    r = await exec(containerId, command, timeoutMs);
  } catch (err) {
    return { error: (err as Error).message, output: Buffer.alloc(0) };
  }
  const output = Buffer.concat([r.stdout, r.stderr]);
  if (r.timedOut) return { error: execTimeoutMessage(command, timeoutMs), output };
  if (r.exitCode !== 0) {
    return { error: `command '${command.join(' ')}' exited with ${r.exitCode}: ${r.stderr.toString('utf8')}`, output };
  }
  return { output };
}

async function runHttp(handler: Handler, target: LifecycleTarget, signal: AbortSignal,
  events: ProbeEvent[]): Promise<string | undefined> {
  const action = handler.httpGet!;
  if (!action.host && !target.podIP) return 'failed to find networking container: the pod has no IP';
  let req;
  try {
    req = newHttpGetRequest(action, target.container, target.podIP, 'lifecycle');
  } catch (err) {
    return (err as Error).message;
  }
  const opts = { readLimit: MAX_BODY, signal, acceptGzip: true };
  try {
    await httpGet(req, opts);
    return undefined;
  } catch (err) {
    if (!(err instanceof HttpGetError)) return (err as Error).message;
    if (err.phase === 'body') return undefined; // the body is only drained; its errors do not count
    if (err.detail !== HTTP_TO_HTTPS) return err.message;
    const plain = { ...req, scheme: 'http', headers: req.headers.filter(([k]) => k !== 'Authorization') };
    try {
      await httpGet(plain, opts);
    } catch (retryErr) {
      if (!(retryErr instanceof HttpGetError && retryErr.phase === 'body')) return err.message;
    }
    events.push({
      type: 'Warning',
      reason: REASON_LIFECYCLE_HTTP_FALLBACK,
      message: `request to HTTPS lifecycle hook ${joinHostPort(req.host, req.port)} got HTTP response, retry with HTTP succeeded`,
    });
    return undefined;
  }
}

function sleep(ms: number, signal: AbortSignal, clock: Clock): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clock.clearTimeout(timer);
      resolve(false);
    };
    const timer = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** %v of the handler as the kubelet prints an invalid one. */
function goHandler(h: Handler): string {
  const tcp = h.tcpSocket ? `&TCPSocketAction{Port:${goIntOrString(h.tcpSocket.port)},Host:${h.tcpSocket.host ?? ''},}` : 'nil';
  return `&LifecycleHandler{Exec:nil,HTTPGet:nil,TCPSocket:${tcp},Sleep:nil,}`;
}
