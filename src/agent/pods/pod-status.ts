/**
 * The status the kubelet reports for a pod, from what the pod worker knows of its containers: each
 * container's state (waiting with a reason, running, terminated) and last state, restart count,
 * readiness; the pod's phase by the kubelet's rules (getPhase); the conditions
 * PodReadyToStartContainers, Initialized, Ready, ContainersReady (PodScheduled and conditions
 * written by others are kept), with transition times kept while a condition holds; ephemeral
 * containers' statuses beside the others. Pure functions.
 */
import { normalizeImage } from '../images/index.js';
import type { ContainerStatus as RuntimeContainer } from '../runtime/index.js';
import type { Container, Pod } from '../../api/types/core/pod/index.js';

/** What the worker knows of one container of the pod (by name). */
export interface ContainerView {
  name: string;
  /** The latest attempt, and the one before it (for lastState). */
  current?: RuntimeContainer;
  previous?: RuntimeContainer;
  /** Why it is not running now, when it is not (image pull errors, back-off, config errors…). */
  waiting?: { reason: string; message?: string };
  ready?: boolean;
  started?: boolean;
}

export interface StatusInput {
  pod: Pod;
  hostIP: string;
  podIPs: string[];
  startTime: string;
  /** Sandbox and network in place. */
  sandboxReady: boolean;
  init: ContainerView[];
  containers: ContainerView[];
  /** The ephemeral containers' views (they count for no phase or condition). */
  ephemeral?: ContainerView[];
  /** A terminal phase decided by the worker (deadline exceeded, deleted pod). */
  forcedPhase?: { phase: 'Failed' | 'Succeeded'; reason?: string; message?: string };
  now: string;
}

export interface ApiContainerState {
  waiting?: { reason: string; message?: string };
  running?: { startedAt: string };
  terminated?: {
    exitCode: number; reason?: string; message?: string; startedAt?: string; finishedAt?: string; containerID?: string;
  };
}

export interface ApiContainerStatus {
  name: string;
  state: ApiContainerState;
  lastState: ApiContainerState;
  ready: boolean;
  restartCount: number;
  image: string;
  imageID: string;
  containerID?: string;
  /** Absent for ephemeral containers (the kubelet tracks no startup for them). */
  started?: boolean;
}

export interface ApiCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastProbeTime: null;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

export interface ApiPodStatus {
  phase: string;
  conditions: ApiCondition[];
  hostIP: string;
  hostIPs: Array<{ ip: string }>;
  podIP?: string;
  podIPs?: Array<{ ip: string }>;
  startTime: string;
  initContainerStatuses?: ApiContainerStatus[];
  containerStatuses: ApiContainerStatus[];
  ephemeralContainerStatuses?: ApiContainerStatus[];
  qosClass?: string;
  reason?: string;
  message?: string;
}

export const CONTAINER_ID_PREFIX = 'runc://';

/** The conditions the kubelet owns; others (PodScheduled, DisruptionTarget, gates) are kept. */
const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady']);

function displayImage(image: string): string {
  try {
    return normalizeImage(image);
  } catch {
    return image;
  }
}

/** RFC 3339 to the second, as the API's metav1.Time serializes. */
function seconds(t: string | undefined): string | undefined {
  return t === undefined ? undefined : t.replace(/\.\d+Z$/, 'Z');
}

function terminatedOf(c: RuntimeContainer): NonNullable<ApiContainerState['terminated']> {
  return {
    exitCode: c.exitCode ?? 0,
    reason: c.reason ?? (c.exitCode === 0 ? 'Completed' : 'Error'),
    ...(c.message ? { message: c.message } : {}),
    ...(c.startedAt ? { startedAt: seconds(c.startedAt) } : {}),
    ...(c.finishedAt ? { finishedAt: seconds(c.finishedAt) } : {}),
    containerID: CONTAINER_ID_PREFIX + c.id,
  };
}

/** Whether a container ran to completion successfully (an init container that is done). */
export function succeeded(v: ContainerView | undefined): boolean {
  return v?.current?.state === 'exited' && v.current.exitCode === 0;
}

export function containerStatus(spec: Container, v: ContainerView | undefined, defaultWaiting: string): ApiContainerStatus {
  const cur = v?.current;
  let state: ApiContainerState;
  let lastState: ApiContainerState = {};
  if (cur?.state === 'running') {
    state = { running: { startedAt: seconds(cur.startedAt ?? cur.createdAt)! } };
    if (v?.previous?.state === 'exited') lastState = { terminated: terminatedOf(v.previous) };
  } else if (cur?.state === 'exited') {
    if (v?.waiting) {
      state = { waiting: { ...v.waiting } };
      lastState = { terminated: terminatedOf(cur) };
    } else {
      state = { terminated: terminatedOf(cur) };
      if (v?.previous?.state === 'exited') lastState = { terminated: terminatedOf(v.previous) };
    }
  } else {
    state = { waiting: v?.waiting ? { ...v.waiting } : { reason: defaultWaiting } };
    if (v?.previous?.state === 'exited') lastState = { terminated: terminatedOf(v.previous) };
  }
  const image = cur?.image ?? spec.image ?? '';
  return {
    name: spec.name ?? '',
    state,
    lastState,
    ready: cur?.state === 'running' && (v?.ready ?? false),
    restartCount: cur?.attempt ?? (v?.previous ? v.previous.attempt + 1 : 0),
    image: displayImage(image),
    imageID: cur?.imageRef ?? '',
    ...(cur ? { containerID: CONTAINER_ID_PREFIX + cur.id } : {}),
    started: cur?.state === 'running' && (v?.started ?? true),
  };
}

function byName(views: ContainerView[]): Map<string, ContainerView> {
  return new Map(views.map((v) => [v.name, v]));
}

/**
 * The pod's phase as the kubelet computes it: Pending while init containers have not all
 * succeeded or a container has never run; Running while one runs (or will be restarted);
 * Succeeded or Failed once every container stopped for good.
 */
export function podPhase(pod: Pod, init: ApiContainerStatus[], containers: ApiContainerStatus[]): string {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  let pendingInit = 0;
  let failedInit = 0;
  for (const s of init) {
    if (s.state.running) pendingInit++;
    else if (s.state.terminated) { if (s.state.terminated.exitCode !== 0) failedInit++; }
    else if (s.lastState.terminated) { if (s.lastState.terminated.exitCode !== 0) failedInit++; }
    else pendingInit++;
  }
  if (failedInit > 0 && policy === 'Never') return 'Failed';
  if (pendingInit > 0 || failedInit > 0) return 'Pending';
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeededCount = 0;
  for (const s of containers) {
    if (s.state.running) running++;
    else if (s.state.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeededCount++;
    } else if (s.state.waiting && s.lastState.terminated) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (policy === 'Always') return 'Running';
    if (policy === 'OnFailure') return stopped === succeededCount ? 'Succeeded' : 'Running';
    const failed = containers.some((s) => s.state.terminated && s.state.terminated.exitCode !== 0);
    return failed ? 'Failed' : 'Succeeded';
  }
  return 'Pending';
}

function condition(pod: Pod, type: string, status: ApiCondition['status'], now: string, reason?: string, message?: string): ApiCondition {
  const prev = pod.status?.conditions?.find((c) => c.type === type);
  const since = prev && prev.status === status && prev.lastTransitionTime ? prev.lastTransitionTime : now;
  return {
    type, status, lastProbeTime: null, lastTransitionTime: since,
    ...(reason ? { reason } : {}), ...(message ? { message } : {}),
  };
}

/** Ephemeral containers: never ready, never restarted, no startup tracking; ContainerCreating until they run. */
function ephemeralStatuses(pod: Pod, views: ContainerView[]): ApiContainerStatus[] {
  const byN = byName(views);
  return (pod.spec?.ephemeralContainers ?? []).map((c) => {
    const { started: _started, ...s } = containerStatus(c as Container, byN.get(c.name ?? ''), 'ContainerCreating');
    return { ...s, ready: false, restartCount: 0 };
  });
}

export function computePodStatus(input: StatusInput): ApiPodStatus {
  const { pod, now } = input;
  const spec = pod.spec ?? {};
  const initViews = byName(input.init);
  const views = byName(input.containers);
  const initStatuses = (spec.initContainers ?? []).map((c) => containerStatus(c, initViews.get(c.name ?? ''), 'PodInitializing'));
  const initDone = initStatuses.every((s) => s.state.terminated?.exitCode === 0);
  const statuses = (spec.containers ?? []).map((c) =>
    containerStatus(c, views.get(c.name ?? ''), initDone && input.sandboxReady ? 'ContainerCreating' : 'PodInitializing'));
  if (initStatuses.length === 0 && !input.sandboxReady) {
    for (const s of statuses) if (s.state.waiting?.reason === 'PodInitializing') s.state.waiting.reason = 'ContainerCreating';
  }
  const phase = input.forcedPhase?.phase ?? podPhase(pod, initStatuses, statuses);
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  if (terminal) for (const s of statuses) s.ready = false;

  const incomplete = initStatuses.filter((s) => s.state.terminated?.exitCode !== 0).map((s) => s.name);
  const unready = statuses.filter((s) => !s.ready).map((s) => s.name);
  const conditions: ApiCondition[] = [
    condition(pod, 'PodReadyToStartContainers', input.sandboxReady && !terminal ? 'True' : 'False', now),
    incomplete.length === 0 || (terminal && initDone)
      ? condition(pod, 'Initialized', 'True', now, phase === 'Succeeded' && initStatuses.length > 0 ? 'PodCompleted' : undefined)
      : condition(pod, 'Initialized', 'False', now, 'ContainersNotInitialized', `containers with incomplete status: [${incomplete.join(' ')}]`),
  ];
  const readyCond = (type: string): ApiCondition => {
    if (phase === 'Succeeded' || phase === 'Failed') return condition(pod, type, 'False', now, 'PodCompleted');
    if (unready.length > 0) return condition(pod, type, 'False', now, 'ContainersNotReady', `containers with unready status: [${unready.join(' ')}]`);
    return condition(pod, type, 'True', now);
  };
  const containersReady = readyCond('ContainersReady');
  let ready = readyCond('Ready');
  if (ready.status === 'True') {
    const gates = (spec.readinessGates ?? []).map((g) => g.conditionType ?? '');
    const missing = gates.filter((g) => pod.status?.conditions?.find((c) => c.type === g)?.status !== 'True');
    if (missing.length > 0) {
      ready = condition(pod, 'Ready', 'False', now, 'ReadinessGatesNotReady', `corresponding condition of pod readiness gate "${missing[0]}" does not exist.`);
    }
  }
  conditions.push(ready, containersReady);
  for (const c of pod.status?.conditions ?? []) {
    if (c.type && !KUBELET_CONDITIONS.has(c.type)) conditions.push(c as ApiCondition);
  }
  if (!conditions.some((c) => c.type === 'PodScheduled')) conditions.push(condition(pod, 'PodScheduled', 'True', now));

  const status: ApiPodStatus = {
    phase,
    conditions,
    hostIP: input.hostIP,
    hostIPs: [{ ip: input.hostIP }],
    ...(input.podIPs.length > 0 ? { podIP: input.podIPs[0], podIPs: input.podIPs.map((ip) => ({ ip })) } : {}),
    startTime: input.startTime,
    ...(initStatuses.length > 0 ? { initContainerStatuses: initStatuses } : {}),
    containerStatuses: statuses,
    ...(spec.ephemeralContainers?.length ? { ephemeralContainerStatuses: ephemeralStatuses(pod, input.ephemeral ?? []) } : {}),
    ...(pod.status?.qosClass ? { qosClass: pod.status.qosClass } : {}),
    ...(input.forcedPhase?.reason ? { reason: input.forcedPhase.reason } : {}),
    ...(input.forcedPhase?.message ? { message: input.forcedPhase.message } : {}),
  };
  return status;
}
