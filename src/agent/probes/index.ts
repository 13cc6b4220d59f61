/**
 * Container probes and lifecycle hooks for the node agent (the kubelet's prober and handler
 * runner): exec, httpGet, tcpSocket and grpc probers with the kubelet's semantics and wording; the
 * ProbeManager that runs liveness, readiness and startup probes per container and reports result
 * changes; postStart/preStop handlers; and the event texts a kubelet records for them.
 */
export type {
  ProbeKind, ProbeResult, ProberResult, ProbeState, ProbeOutcome, ProbeEvent, ProbeTarget, ExecFn, ExecResultLike, Clock,
} from './types.js';
export { systemClock, KUBE_MAJOR_MINOR } from './types.js';
export { ProbeManager, type ProbeManagerOptions } from './probe-manager.js';
export { runProbe, runProbeHandler, MAX_PROBE_RETRIES, type ProbeContext, type ProbeRun } from './prober.js';
export { execProbe, execTimeoutMessage, MAX_PROBE_OUTPUT } from './exec-prober.js';
export { httpProbe, MAX_HTTP_BODY } from './http-prober.js';
export { newHttpGetRequest, requestUrl, canonicalHeaderKey, type HttpGetRequest } from './http-request.js';
export { tcpProbe } from './tcp-prober.js';
export { grpcProbe } from './grpc-prober.js';
export { resolveContainerPort } from './resolve-port.js';
export { expandCommandOnlyStatic } from './expand-command.js';
export {
  runLifecycleHandler, type LifecycleTarget, type LifecycleOptions, type LifecycleResult,
} from './lifecycle-handler.js';
export {
  probeKindTitle, probeFailedMessage, probeErroredMessage, probeWarningMessage, probeKillingMessage, hookFailedEvent,
  REASON_UNHEALTHY, REASON_PROBE_WARNING, REASON_KILLING, REASON_FAILED_POST_START_HOOK, REASON_FAILED_PRE_STOP_HOOK,
  REASON_LIFECYCLE_HTTP_FALLBACK, REASON_POST_START_HOOK_ERROR, POST_START_HOOK_FAILED, PRE_STOP_HOOK_FAILED,
} from './probe-events.js';
export { FakeClock, settle } from './fake-clock.js';
