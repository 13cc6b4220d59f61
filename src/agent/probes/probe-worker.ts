/**
 * One probe of one container (kubelet's prober worker): probes on a ticker of periodSeconds (the
 * first at once), skips the probe until initialDelaySeconds after the container started, keeps
 * liveness and readiness idle until the container has started (startup probe succeeded) and the
 * startup probe idle after, and turns runs of successThreshold successes / failureThreshold
 * failures into a kept result. A failed liveness or startup result puts the worker on hold (the
 * container is about to be killed). A run can be triggered between ticks (the ticker keeps its
 * phase); a probe slower than the period is followed at once by the next, as a Go ticker does.
 */
import type { Probe } from '../../api/types/core/pod/index.js';
import type { ProbeRun } from './prober.js';
import type { Clock, ProbeEvent, ProbeKind, ProbeState, ProbeTarget } from './types.js';

/** What a worker needs from its manager. */
export interface WorkerHost {
  clock: Clock;
  /** The container as the manager currently knows it (undefined once removed). */
  target(): ProbeTarget | undefined;
  /** Whether the container has started (kubelet's containerStatus.started). */
  started(): boolean;
  setResult(kind: ProbeKind, containerId: string, result: ProbeState, output: string): void;
  removeResult(kind: ProbeKind, containerId: string): void;
  event(containerId: string, event: ProbeEvent): void;
  probe(kind: ProbeKind, spec: Probe, target: ProbeTarget): Promise<ProbeRun>;
  /** The worker ended by itself (pod deleted for liveness/startup, pod finished). */
  exited(worker: ProbeWorker): void;
  /** Delay before the first probe. */
  firstDelayMs(periodMs: number): number;
}

const INITIAL_VALUE: Record<ProbeKind, ProbeState> = { readiness: 'failure', liveness: 'success', startup: 'unknown' };

export class ProbeWorker {
  private containerId: string | undefined;
  private lastResult: 'success' | 'failure' | undefined;
  private resultRun = 0;
  private onHold = false;
  private timer: unknown;
  private begun = false;
  private running = false;
  private triggered = false;
  private stopped = false;
  private nextTick = 0;
  private readonly periodMs: number;

  constructor(readonly kind: ProbeKind, readonly spec: Probe, private readonly host: WorkerHost) {
    this.periodMs = Math.max(1, spec.periodSeconds || 10) * 1000;
  }

  start(): void {
    const delay = this.host.firstDelayMs(this.periodMs);
    this.timer = this.host.clock.setTimeout(() => {
      this.timer = undefined;
      this.begun = true;
      this.nextTick = this.host.clock.now() + this.periodMs;
      void this.loop();
    }, Math.max(0, delay));
  }

  /** Runs the probe now (or right after the one in progress), outside the ticker. */
  trigger(): void {
    if (this.stopped) return;
    if (!this.begun || this.running) {
      this.triggered = true;
      return;
    }
    if (this.timer !== undefined) this.host.clock.clearTimeout(this.timer);
    this.triggered = false;
    this.timer = this.host.clock.setTimeout(() => {
      this.timer = undefined;
      void this.loop();
    }, 0);
  }

  /** Stops probing and forgets this worker's result. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer !== undefined) this.host.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.containerId !== undefined) this.host.removeResult(this.kind, this.containerId);
  }

  private async loop(): Promise<void> {
    if (this.stopped) return;
    this.running = true;
    this.triggered = false;
    this.consumeDueTick();
    let keepGoing = true;
    try {
      keepGoing = await this.doProbe();
    } catch {
      keepGoing = true; // as the kubelet's crash handler: a bug in one probe does not end the worker
    }
    this.running = false;
    if (this.stopped) return;
    if (!keepGoing) {
      this.stop();
      this.host.exited(this);
      return;
    }
    this.waitForNext();
  }

  /** A tick due now is served by the run starting now; later ones keep the ticker's phase. */
  private consumeDueTick(): boolean {
    const now = this.host.clock.now();
    if (this.nextTick > now) return false;
    this.nextTick += this.periodMs * (Math.floor((now - this.nextTick) / this.periodMs) + 1);
    return true;
  }

  private waitForNext(): void {
    const now = this.host.clock.now();
    // A tick that came due while probing was buffered (as in a Go ticker's channel): run at once.
    const tickPassed = this.consumeDueTick();
    if (tickPassed || this.triggered) {
      this.triggered = false;
      this.timer = this.host.clock.setTimeout(() => {
        this.timer = undefined;
        void this.loop();
      }, 0);
      return;
    }
    this.timer = this.host.clock.setTimeout(() => {
      this.timer = undefined;
      this.nextTick += this.periodMs;
      void this.loop();
    }, this.nextTick - now);
  }

  /** One round; false ends the worker. */
  private async doProbe(): Promise<boolean> {
    const t = this.host.target();
    if (!t) return true;
    const phase = t.pod.status?.phase;
    if (phase === 'Failed' || phase === 'Succeeded') return false;
    if (this.containerId !== t.containerId) {
      if (this.containerId !== undefined) this.host.removeResult(this.kind, this.containerId);
      this.containerId = t.containerId;
      this.host.setResult(this.kind, t.containerId, INITIAL_VALUE[this.kind], '');
      this.onHold = false;
    }
    if (this.onHold) return true;
    if (t.pod.metadata?.deletionTimestamp && (this.kind === 'liveness' || this.kind === 'startup')) {
      // A pod being deleted is left to shut down quietly.
      this.host.setResult(this.kind, t.containerId, 'success', '');
      return false;
    }
    const sinceStart = Math.floor((this.host.clock.now() - t.startedAt) / 1000);
    if (sinceStart < (this.spec.initialDelaySeconds ?? 0)) return true;
    if (this.host.started()) {
      if (this.kind === 'startup') return true;
    } else if (this.kind !== 'startup') {
      return true;
    }
    const run = await this.host.probe(this.kind, this.spec, t);
    if (this.stopped) return true;
    if (run.event) this.host.event(t.containerId, run.event);
    if (run.error !== undefined) return true; // a prober error: the result is thrown away
    if (this.lastResult === run.result) {
      this.resultRun++;
    } else {
      this.lastResult = run.result;
      this.resultRun = 1;
    }
    const failureThreshold = this.spec.failureThreshold || 3;
    const successThreshold = this.spec.successThreshold || 1;
    if ((run.result === 'failure' && this.resultRun < failureThreshold)
      || (run.result === 'success' && this.resultRun < successThreshold)) {
      return true;
    }
    this.host.setResult(this.kind, t.containerId, run.result, run.output);
    if ((this.kind === 'liveness' || this.kind === 'startup') && run.result === 'failure') {
      // The container will be restarted: stop probing it until a new one appears.
      this.onHold = true;
      this.resultRun = 0;
    }
    return true;
  }
}
