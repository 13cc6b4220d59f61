/**
 * The prober manager: a worker per container per probe kind, the kept results by container id, and
 * the readiness and started state the pod worker writes into containerStatuses. Every change of a
 * kept result is reported (onResult), among them a liveness or startup failure after
 * failureThreshold, on which the pod worker kills and restarts the container; the events the
 * kubelet's prober records go to onEvent.
 *
 * Call addContainer for every container once it runs (with or without probes) and removeContainer
 * when it stops; a new container id for the same name replaces the workers and starts afresh.
 */
import type { Pod, Probe } from '../../api/types/core/pod/index.js';
import { type ProbeContext, type ProbeRun, runProbe } from './prober.js';
import { ProbeWorker, type WorkerHost } from './probe-worker.js';
import {
  type Clock, type ExecFn, type ProbeEvent, type ProbeKind, type ProbeOutcome, type ProbeState, type ProbeTarget,
  systemClock,
} from './types.js';

export interface ProbeManagerOptions {
  exec: ExecFn;
  onResult: (podUid: string, containerName: string, kind: ProbeKind, outcome: ProbeOutcome) => void;
  /** Events of single probes, to record against the container: `Liveness probe failed: …`
   *  (Warning Unhealthy), `… probe errored: …`, `… probe warning: …` (Warning ProbeWarning). */
  onEvent?: (pod: Pod, containerName: string, type: ProbeEvent['type'], reason: string, message: string) => void;
  clock?: Clock;
  /** Jitter source for the first probe after an agent start (default Math.random). */
  random?: () => number;
  /** Replaces the prober itself (tests). */
  probe?: (kind: ProbeKind, spec: Probe, ctx: ProbeContext) => Promise<ProbeRun>;
}

interface Entry {
  target: ProbeTarget;
  workers: Map<ProbeKind, ProbeWorker>;
}

const KINDS: readonly ProbeKind[] = ['startup', 'readiness', 'liveness'];

function probeOf(t: ProbeTarget, kind: ProbeKind): Probe | undefined {
  const c = t.container;
  return kind === 'startup' ? c.startupProbe : kind === 'readiness' ? c.readinessProbe : c.livenessProbe;
}

export class ProbeManager {
  private readonly clock: Clock;
  private readonly startedAt: number;
  private readonly pods = new Map<string, Map<string, Entry>>();
  private readonly results: Record<ProbeKind, Map<string, ProbeState>> = {
    liveness: new Map(), readiness: new Map(), startup: new Map(),
  };
  private closed = false;

  constructor(private readonly opts: ProbeManagerOptions) {
    this.clock = opts.clock ?? systemClock;
    this.startedAt = this.clock.now();
  }

  /** Starts the workers of a running container (replacing those of an older container id). */
  addContainer(t: ProbeTarget): void {
    if (this.closed) return;
    const name = t.container.name ?? '';
    let containers = this.pods.get(t.podUid);
    if (!containers) this.pods.set(t.podUid, containers = new Map());
    const prev = containers.get(name);
    if (prev && prev.target.containerId === t.containerId) {
      prev.target = t;
      return;
    }
    if (prev) this.stopWorkers(prev);
    const entry: Entry = { target: t, workers: new Map() };
    containers.set(name, entry);
    for (const kind of KINDS) {
      const spec = probeOf(t, kind);
      if (!spec) continue;
      const worker = new ProbeWorker(kind, spec, this.host(entry));
      entry.workers.set(kind, worker);
      worker.start();
    }
  }

  /** A newer version of the pod (its deletion timestamp ends liveness and startup probing). */
  updatePod(pod: Pod): void {
    const containers = this.pods.get(pod.metadata?.uid ?? '');
    if (!containers) return;
    for (const entry of containers.values()) {
      entry.target = { ...entry.target, pod };
      if (pod.metadata?.deletionTimestamp) {
        entry.workers.get('liveness')?.trigger();
        entry.workers.get('startup')?.trigger();
      }
    }
  }

  removeContainer(podUid: string, containerName: string): void {
    const containers = this.pods.get(podUid);
    const entry = containers?.get(containerName);
    if (!containers || !entry) return;
    this.stopWorkers(entry);
    containers.delete(containerName);
    if (containers.size === 0) this.pods.delete(podUid);
  }

  removePod(podUid: string): void {
    for (const entry of this.pods.get(podUid)?.values() ?? []) this.stopWorkers(entry);
    this.pods.delete(podUid);
  }

  /** containerStatuses[].ready: started, and a successful readiness probe (or none). While the
   *  container is not ready its readiness probe is asked to run now, as a kubelet status sync does. */
  readiness(podUid: string, containerName: string): boolean {
    const entry = this.pods.get(podUid)?.get(containerName);
    if (!entry || !this.isStarted(entry)) return false;
    if (this.results.readiness.get(entry.target.containerId) === 'success') return true;
    const worker = entry.workers.get('readiness');
    if (!worker) return true;
    worker.trigger();
    return false;
  }

  /** containerStatuses[].started; undefined for a container the manager was not given. */
  started(podUid: string, containerName: string): boolean | undefined {
    const entry = this.pods.get(podUid)?.get(containerName);
    return entry ? this.isStarted(entry) : undefined;
  }

  /** The kept result of one probe kind of the container's current id, if any. */
  result(podUid: string, containerName: string, kind: ProbeKind): ProbeState | undefined {
    const entry = this.pods.get(podUid)?.get(containerName);
    return entry ? this.results[kind].get(entry.target.containerId) : undefined;
  }

  close(): void {
    this.closed = true;
    for (const uid of [...this.pods.keys()]) this.removePod(uid);
  }

  private isStarted(entry: Entry): boolean {
    const r = this.results.startup.get(entry.target.containerId);
    if (r !== undefined) return r === 'success';
    return !entry.workers.has('startup');
  }

  private stopWorkers(entry: Entry): void {
    for (const w of entry.workers.values()) w.stop();
    entry.workers.clear();
  }

  private host(entry: Entry): WorkerHost {
    const name = () => entry.target.container.name ?? '';
    const live = () => this.pods.get(entry.target.podUid)?.get(name()) === entry;
    return {
      clock: this.clock,
      target: () => (live() ? entry.target : undefined),
      started: () => this.isStarted(entry),
      setResult: (kind, containerId, result, output) => {
        const kept = this.results[kind];
        if (kept.get(containerId) === result) return;
        kept.set(containerId, result);
        if (!live()) return;
        try {
          this.opts.onResult(entry.target.podUid, name(), kind, { result, containerId, output });
        } catch { /* a listener's failure is not the prober's */ }
        if (kind === 'startup' && result === 'success') entry.workers.get('readiness')?.trigger();
      },
      removeResult: (kind, containerId) => { this.results[kind].delete(containerId); },
      event: (_containerId, event) => {
        try {
          this.opts.onEvent?.(entry.target.pod, name(), event.type, event.reason, event.message);
        } catch { /* as above */ }
      },
      probe: (kind, spec, t) => (this.opts.probe ?? runProbe)(kind, spec, {
        pod: t.pod, podIP: t.podIP, container: t.container, containerId: t.containerId, exec: this.opts.exec,
      }),
      exited: (worker) => {
        if (entry.workers.get(worker.kind) === worker) entry.workers.delete(worker.kind);
      },
      firstDelayMs: (periodMs) => {
        // Right after an agent start, spread the first probes over one period.
        if (periodMs > this.clock.now() - this.startedAt) return (this.opts.random ?? Math.random)() * periodMs;
        return 0;
      },
    };
  }
}
