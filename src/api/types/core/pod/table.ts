/**
 * The columns `kubectl get pods` shows, computed as Kubernetes' printer computes them: READY counts
 * ready containers (sidecars included), STATUS condenses phase, init progress and container
 * reasons ("Init:0/1", "CrashLoopBackOff", "Terminating"…), RESTARTS adds when the last restart was.
 */
import { age, humanDuration } from '../../../meta/age.js';
import type { KObject } from '../../../meta/object-meta.js';
import type { TableDef } from '../../../resource.js';
import { entry, list } from './validate-helpers.js';
import type { Container, ContainerStatus, Pod, PodStatus } from './types.js';

function isSidecar(c: Container | undefined): boolean {
  return c !== undefined && c.restartPolicy === 'Always';
}

function laterOf(current: number, t: string | undefined): number {
  if (!t) return current;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? current : Math.max(current, ms);
}

function hasCondition(status: PodStatus, type: string): boolean {
  return list(status.conditions).some((c) => entry(c).type === type && entry(c).status === 'True');
}

export interface PodSummary {
  ready: string;
  status: string;
  restarts: string;
}

/** READY, STATUS and RESTARTS of a pod at time `now`. */
export function summarizePod(pod: Pod, now: Date): PodSummary {
  const spec = entry(pod.spec);
  const status = entry(pod.status);
  let restarts = 0;
  let sidecarRestarts = 0;
  let readyContainers = 0;
  let lastRestart = 0;
  let lastSidecarRestart = 0;
  let total = list(spec.containers).length;
  let reason = status.reason || status.phase || '';
  for (const c of list(status.conditions)) {
    if (entry(c).type === 'PodScheduled' && entry(c).reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  const initByName = new Map<string, Container>();
  for (const c of list(spec.initContainers).map((x) => entry(x))) {
    initByName.set(c.name ?? '', c);
    if (isSidecar(c)) total++;
  }
  let initializing = false;
  const initStatuses = list(status.initContainerStatuses).map((s) => entry(s));
  for (let i = 0; i < initStatuses.length; i++) {
    const cs: ContainerStatus = initStatuses[i];
    const state = entry(cs.state);
    const last = entry(cs.lastState);
    const sidecar = isSidecar(initByName.get(cs.name ?? ''));
    restarts += cs.restartCount ?? 0;
    lastRestart = laterOf(lastRestart, last.terminated?.finishedAt);
    if (sidecar) {
      sidecarRestarts += cs.restartCount ?? 0;
      lastSidecarRestart = laterOf(lastSidecarRestart, last.terminated?.finishedAt);
    }
    const term = state.terminated;
    if (term && (term.exitCode ?? 0) === 0) continue;
    if (sidecar && cs.started === true) {
      if (cs.ready) readyContainers++;
      continue;
    }
    if (term) {
      if (!term.reason) reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`;
      else reason = `Init:${term.reason}`;
    } else if (state.waiting?.reason && state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${list(spec.initContainers).length}`;
    }
    initializing = true;
    break;
  }
  if (!initializing || hasCondition(status, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = list(status.containerStatuses).map((s) => entry(s));
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      const state = entry(cs.state);
      restarts += cs.restartCount ?? 0;
      lastRestart = laterOf(lastRestart, entry(cs.lastState).terminated?.finishedAt);
      if (state.waiting?.reason) reason = state.waiting.reason;
      else if (state.terminated?.reason) reason = state.terminated.reason;
      else if (state.terminated) {
        reason = state.terminated.signal ? `Signal:${state.terminated.signal}` : `ExitCode:${state.terminated.exitCode ?? 0}`;
      } else if (cs.ready && state.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = hasCondition(status, 'Ready') ? 'Running' : 'NotReady';
  }
  const deleting = Boolean(pod.metadata?.deletionTimestamp);
  if (deleting && status.reason === 'NodeLost') reason = 'Unknown';
  else if (deleting && status.phase !== 'Succeeded' && status.phase !== 'Failed') reason = 'Terminating';
  let restartText = String(restarts);
  if (restarts !== 0 && lastRestart !== 0) restartText = `${restarts} (${humanDuration(now.getTime() - lastRestart)} ago)`;
  return { ready: `${readyContainers}/${total}`, status: reason, restarts: restartText };
}

function readinessGates(pod: Pod): string {
  const gates = list(entry(pod.spec).readinessGates);
  if (gates.length === 0) return '<none>';
  const conditions = list(entry(pod.status).conditions).map((c) => entry(c));
  let ok = 0;
  for (const g of gates) {
    const c = conditions.find((x) => x.type === entry(g).conditionType);
    if (c?.status === 'True') ok++;
  }
  return `${ok}/${gates.length}`;
}

export const podTable: TableDef = {
  columns: [
    { name: 'Ready', type: 'string', description: 'Ready containers out of all containers.', priority: 0 },
    { name: 'Status', type: 'string', description: 'Condensed state of the pod and its containers.', priority: 0 },
    { name: 'Restarts', type: 'integer', description: 'Container restarts, and how long ago the last one was.', priority: 0 },
    { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
    { name: 'IP', type: 'string', description: 'Primary IP address of the pod.', priority: 1 },
    { name: 'Node', type: 'string', description: 'Node the pod is bound to.', priority: 1 },
    { name: 'Nominated Node', type: 'string', description: 'Node the pod is expected to run on after preemption.', priority: 1 },
    { name: 'Readiness Gates', type: 'string', description: 'Readiness gates whose condition is True, out of all.', priority: 1 },
  ],
  cells(obj: KObject, now: Date): unknown[] {
    const pod = obj as Pod;
    const s = summarizePod(pod, now);
    const status = entry(pod.status);
    const ip = entry(list(status.podIPs)[0]).ip || '<none>';
    return [
      s.ready, s.status, s.restarts, age(obj.metadata.creationTimestamp, now), ip,
      entry(pod.spec).nodeName || '<none>', status.nominatedNodeName || '<none>', readinessGates(pod),
    ];
  },
};
