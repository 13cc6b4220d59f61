/**
 * The kubelet's event reasons and wording for probes and lifecycle hooks, so the pod worker records
 * exactly what a kubelet would: `Warning Unhealthy "Liveness probe failed: …"`, `Normal Killing
 * "Container web failed liveness probe, will be restarted"`, `Warning FailedPostStartHook
 * "PostStartHook failed"` and so on.
 */
import type { ProbeEvent, ProbeKind } from './types.js';

export const REASON_UNHEALTHY = 'Unhealthy';
export const REASON_PROBE_WARNING = 'ProbeWarning';
export const REASON_KILLING = 'Killing';
export const REASON_FAILED_POST_START_HOOK = 'FailedPostStartHook';
export const REASON_FAILED_PRE_STOP_HOOK = 'FailedPreStopHook';
export const REASON_LIFECYCLE_HTTP_FALLBACK = 'LifecycleHTTPFallback';
/** The waiting reason of a container whose postStart hook failed (its message is the hook's error). */
export const REASON_POST_START_HOOK_ERROR = 'PostStartHookError';
/** Event messages of failed hooks: the kubelet keeps the details out of events (they may hold secrets). */
export const POST_START_HOOK_FAILED = 'PostStartHook failed';
export const PRE_STOP_HOOK_FAILED = 'PreStopHook failed';

/** "Liveness", "Readiness", "Startup", as the kubelet names probe types in messages. */
export function probeKindTitle(kind: ProbeKind): string {
  return kind === 'liveness' ? 'Liveness' : kind === 'readiness' ? 'Readiness' : 'Startup';
}

/** `Liveness probe failed: <output>` (Warning Unhealthy). */
export function probeFailedMessage(kind: ProbeKind, output: string): string {
  return `${probeKindTitle(kind)} probe failed: ${output}`;
}

/** `Liveness probe errored: <error>` (Warning Unhealthy): the probe could not be carried out. */
export function probeErroredMessage(kind: ProbeKind, error: string): string {
  return `${probeKindTitle(kind)} probe errored: ${error}`;
}

/** `Readiness probe warning: <output>` (Warning ProbeWarning), e.g. a redirect not followed. */
export function probeWarningMessage(kind: ProbeKind, output: string): string {
  return `${probeKindTitle(kind)} probe warning: ${output}`;
}

/** `Container <name> failed liveness probe, will be restarted` (Normal Killing); without the
 *  suffix when the pod's restart policy (Never) will not restart it. */
export function probeKillingMessage(containerName: string, kind: 'liveness' | 'startup', willRestart = true): string {
  return `Container ${containerName} failed ${kind} probe${willRestart ? ', will be restarted' : ''}`;
}

/** The event of a failed hook: Warning FailedPostStartHook / FailedPreStopHook with the kubelet's
 *  fixed message. */
export function hookFailedEvent(hook: 'postStart' | 'preStop'): ProbeEvent {
  return hook === 'postStart'
    ? { type: 'Warning', reason: REASON_FAILED_POST_START_HOOK, message: POST_START_HOOK_FAILED }
    : { type: 'Warning', reason: REASON_FAILED_PRE_STOP_HOOK, message: PRE_STOP_HOOK_FAILED };
}
