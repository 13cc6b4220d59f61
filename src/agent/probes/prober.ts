/**
 * One probe of a container as the kubelet's prober runs it: the handler (exec, httpGet, tcpSocket or
 * grpc, in that order of precedence) with timeoutSeconds, retried up to three times while it errors,
 * and folded into success or failure plus the event the kubelet records (Unhealthy for a failure or
 * an error, ProbeWarning for a success with a warning).
 */
import type { Container, Pod, Probe } from '../../api/types/core/pod/index.js';
import { execProbe } from './exec-prober.js';
import { expandCommandOnlyStatic } from './expand-command.js';
import { formatPod } from '../pod-config/index.js';
import { grpcProbe } from './grpc-prober.js';
import { httpProbe } from './http-prober.js';
import { newHttpGetRequest } from './http-request.js';
import {
  probeErroredMessage, probeFailedMessage, probeWarningMessage, REASON_PROBE_WARNING, REASON_UNHEALTHY,
} from './probe-events.js';
import { resolveContainerPort } from './resolve-port.js';
import { tcpProbe } from './tcp-prober.js';
import type { ExecFn, ProbeEvent, ProbeKind, ProberResult } from './types.js';

export const MAX_PROBE_RETRIES = 3;

export interface ProbeContext {
  pod: Pod;
  podIP?: string;
  container: Container;
  containerId: string;
  exec: ExecFn;
}

/** A probe's verdict for the worker: `error` set means the kubelet throws the verdict away. */
export interface ProbeRun {
  result: 'success' | 'failure';
  output: string;
  error?: string;
  event?: ProbeEvent;
}

export async function runProbe(kind: ProbeKind, spec: Probe, ctx: ProbeContext): Promise<ProbeRun> {
  let r: ProberResult = { result: 'unknown', output: '' };
  for (let i = 0; i < MAX_PROBE_RETRIES; i++) {
    r = await runProbeHandler(spec, ctx);
    if (r.error === undefined) break;
  }
  if (r.error !== undefined) return { result: 'failure', output: r.output, error: r.error, event: unhealthy(probeErroredMessage(kind, r.error)) };
  if (r.result === 'warning') return { result: 'success', output: r.output, event: { type: 'Warning', reason: REASON_PROBE_WARNING, message: probeWarningMessage(kind, r.output) } };
  if (r.result === 'success') return { result: 'success', output: r.output };
  return { result: 'failure', output: r.output, event: unhealthy(probeFailedMessage(kind, r.output)) };
}

function unhealthy(message: string): ProbeEvent {
  return { type: 'Warning', reason: REASON_UNHEALTHY, message };
}

/** One attempt of the probe's handler, without retries. */
export async function runProbeHandler(spec: Probe, ctx: ProbeContext): Promise<ProberResult> {
  const timeoutMs = (spec.timeoutSeconds || 1) * 1000;
  const { container } = ctx;
  try {
    if (spec.exec) {
      return await execProbe(ctx.exec, ctx.containerId, expandCommandOnlyStatic(spec.exec.command, container), timeoutMs);
    }
    if (spec.httpGet) {
      return await httpProbe(newHttpGetRequest(spec.httpGet, container, ctx.podIP, 'probe'), timeoutMs);
    }
    if (spec.tcpSocket) {
      const port = resolveContainerPort(spec.tcpSocket.port, container);
      return await tcpProbe(spec.tcpSocket.host || ctx.podIP || '', port, timeoutMs);
    }
    if (spec.grpc) {
      return await grpcProbe(ctx.podIP ?? '', spec.grpc.service ?? '', spec.grpc.port ?? 0, timeoutMs);
    }
  } catch (err) {
    return { result: 'unknown', output: '', error: (err as Error).message };
  }
  return { result: 'unknown', output: '', error: `missing probe handler for ${formatPod(ctx.pod)}:${container.name ?? ''}` };
}
