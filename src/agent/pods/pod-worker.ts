/**
 * One pod's worker: drives the runtime toward the pod's spec, one sync at a time, level-based (a
 * sync reads what runs and decides from there, so a restarted agent simply carries on):
 *
 *   sandbox (namespaces, CNI network, /etc/hosts) → volumes → init containers in order → containers,
 *   restarted by restartPolicy with the crash-loop back-off, killed on a failed liveness or startup
 *   probe → ephemeral containers, started once → status. A pod being deleted has its containers
 *   stopped (preStop hooks, then the stop signal and SIGKILL after the grace period), its network,
 *   sandbox and volumes released, and is then deleted for good. A pod that reached Succeeded or
 *   Failed releases its sandbox and stays.
 */
import { rm } from 'node:fs/promises';
import type { Container, Pod } from '../../api/types/core/pod/index.js';
import type { ContainerStatus as RuntimeContainer } from '../runtime/index.js';
import { CrashBackOff } from './crash-backoff.js';
import { ephemeralNames, ephemeralToStart } from './ephemeral-containers.js';
import { LABEL_CONTAINER_NAME, type PodVolumes, type WorkerDeps } from './deps.js';
import { PodSandbox } from './pod-sandbox.js';
import { createPodContainer } from './create-container.js';
import { killAllContainers, killContainer } from './kill-containers.js';
import { ContainerEvents } from './kubelet-events.js';
import { computePodStatus, succeeded, type ApiPodStatus, type ContainerView } from './pod-status.js';

const RESYNC_MS = 10_000;
const TRACE = process.env.NAVARCH_TRACE === '1';
/** How often configMap/secret/downwardAPI/projected volume contents are brought up to date. */
const REFRESH_MS = 5_000;

function nowIso(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

function shouldRestart(policy: string, exitCode: number | undefined): boolean {
  if (policy === 'Always') return true;
  if (policy === 'OnFailure') return exitCode !== 0;
  return false;
}

function goSeconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${s % 60 ? `${s % 60}s` : '0s'}` : `${s}s`;
}

export class PodWorker {
  private pod: Pod | undefined;
  private running = false;
  private again = false;
  private timer?: NodeJS.Timeout;
  private readonly sandbox: PodSandbox;
  private volumes?: PodVolumes;
  private lastRefresh = Date.now();
  private startTime?: string;
  private readonly waiting = new Map<string, { reason: string; message?: string }>();
  /** Containers to kill, with the event message saying why (failed liveness or startup probe). */
  private readonly killRequests = new Map<string, string>();
  private readonly probed = new Set<string>();
  private forced?: { phase: 'Failed' | 'Succeeded'; reason?: string; message?: string };
  private lastStatus?: ApiPodStatus;
  /** Terminal phase reached and resources released. */
  private finished = false;
  /** Deleted: nothing more to do; the manager drops the worker. */
  done = false;
  private stopped = false;

  constructor(
    readonly uid: string,
    private readonly deps: WorkerDeps,
    private readonly backOff: CrashBackOff,
    private readonly onDone: (uid: string) => void,
  ) {
    this.sandbox = new PodSandbox(uid, deps);
  }

  private get podIPs(): string[] {
    return this.sandbox.ips;
  }

  /** The pod as the API has it now (undefined once it is gone). */
  update(pod: Pod | undefined): void {
    this.pod = pod;
    this.kick();
  }

  get restartPolicy(): string {
    return this.pod?.spec?.restartPolicy ?? 'Always';
  }

  get sandboxId(): string | undefined {
    return this.sandbox.status?.id;
  }

  /** Requests a kill of a container (from a failed probe); the next sync acts on it. */
  requestKill(name: string, why: string): void {
    this.killRequests.set(name, why);
    this.kick();
  }

  kick(delayMs = 0): void {
    if (this.stopped || this.done) return;
    if (delayMs > 0) {
      if (this.timer) return;
      this.timer = setTimeout(() => { this.timer = undefined; this.kick(); }, delayMs);
      this.timer.unref();
      return;
    }
    if (this.running) { this.again = true; return; }
    this.running = true;
    void this.loop();
  }

  /** Stops acting (agent shutdown): containers keep running. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        try {
          await this.sync();
        } catch (err) {
          this.deps.log(`pod ${this.describe()}: ${(err as Error).stack ?? String(err)}`);
          this.kick(2000);
        }
      } while (this.again && !this.stopped && !this.done);
    } finally {
      this.running = false;
    }
    if (!this.done && !this.stopped && !this.finished) this.kick(RESYNC_MS);
  }

  private describe(): string {
    return this.pod ? `${this.pod.metadata.namespace}/${this.pod.metadata.name}` : this.uid;
  }

  private async sync(): Promise<void> {
    const pod = this.pod;
    if (pod === undefined || pod.metadata.deletionTimestamp) {
      await this.terminate(pod);
      return;
    }
    this.startTime ??= pod.status?.startTime ?? nowIso();
    if (this.finished) return;
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') {
      // Ended earlier (perhaps before an agent restart): nothing may run again.
      await this.release();
      this.finished = true;
      return;
    }
    const deadline = pod.spec?.activeDeadlineSeconds;
    if (deadline !== undefined && Date.parse(this.startTime) + deadline * 1000 <= Date.now() && !this.forced) {
      this.forced = { phase: 'Failed', reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' };
      this.deps.event(pod, undefined, 'Normal', 'DeadlineExceeded', this.forced.message ?? '');
    }
    if (this.forced) {
      await this.killAll(pod, pod.spec?.terminationGracePeriodSeconds ?? 30);
      await this.writeStatus(pod);
      await this.release();
      this.finished = true;
      return;
    }
    if (deadline !== undefined) this.kick(Math.max(1, Date.parse(this.startTime) + deadline * 1000 - Date.now()));

    const t0 = performance.now();
    if (!(await this.ensureSandbox(pod))) return;
    const t1 = performance.now();
    if (!(await this.ensureVolumes(pod))) return;
    const t2 = performance.now();
    const views = await this.views();
    if (await this.syncInit(pod, views)) await this.syncContainers(pod, views);
    for (const e of ephemeralToStart(pod, views)) {
      await this.startContainer(pod, e.container, this.view(views, e.container.name ?? ''), { ephemeral: true, pidNamespaceOf: e.pidNamespaceOf });
    }
    const t3 = performance.now();
    const status = await this.writeStatus(pod);
    if (TRACE) this.deps.log(`trace ${this.describe()}: sandbox ${(t1 - t0).toFixed(0)} volumes ${(t2 - t1).toFixed(0)} containers ${(t3 - t2).toFixed(0)} status ${(performance.now() - t3).toFixed(0)} ms`);
    if (status.phase === 'Succeeded' || status.phase === 'Failed') {
      await this.release();
      this.finished = true;
    }
  }

  // ---- sandbox and volumes ----

  private async ensureSandbox(pod: Pod): Promise<boolean> {
    if (await this.sandbox.ensure(pod)) return true;
    await this.writeStatus(pod);
    this.kick(5000);
    return false;
  }

  private async ensureVolumes(pod: Pod): Promise<boolean> {
    try {
      const first = this.volumes === undefined;
      this.volumes = await this.deps.volumes.setUp(pod, this.podIPs);
      if (!first && Date.now() - this.lastRefresh >= REFRESH_MS) {
        this.lastRefresh = Date.now();
        await this.deps.volumes.refresh(pod).catch((err: Error) => this.deps.event(pod, undefined, 'Warning', 'FailedMount', err.message));
      }
      return true;
    } catch (err) {
      this.deps.event(pod, undefined, 'Warning', 'FailedMount', (err as Error).message);
      await this.writeStatus(pod);
      this.kick(2000);
      return false;
    }
  }

  // ---- containers ----

  /** The pod's containers by name: the latest attempt and the one before it. */
  private async views(): Promise<Map<string, ContainerView>> {
    const out = new Map<string, ContainerView>();
    const sb = this.sandbox.status;
    if (!sb) return out;
    const all = await this.deps.runtime.listContainers({ sandboxId: sb.id });
    const byName = new Map<string, RuntimeContainer[]>();
    for (const c of all) {
      const name = c.labels[LABEL_CONTAINER_NAME] ?? c.name;
      byName.set(name, [...(byName.get(name) ?? []), c]);
    }
    for (const [name, list] of byName) {
      list.sort((a, b) => b.attempt - a.attempt);
      out.set(name, { name, current: list[0], previous: list[1] });
      for (const old of list.slice(2)) await this.deps.runtime.removeContainer(old.id).catch(() => undefined);
    }
    return out;
  }

  private view(views: Map<string, ContainerView>, name: string): ContainerView {
    let v = views.get(name);
    if (!v) { v = { name }; views.set(name, v); }
    return v;
  }

  /** Runs init containers in order; true once all have succeeded. */
  private async syncInit(pod: Pod, views: Map<string, ContainerView>): Promise<boolean> {
    const policy = pod.spec?.restartPolicy ?? 'Always';
    for (const c of pod.spec?.initContainers ?? []) {
      const name = c.name ?? '';
      const v = this.view(views, name);
      if (succeeded(v)) continue;
      const cur = v.current;
      if (cur?.state === 'running' || cur?.state === 'created') return false;
      if (cur?.state === 'exited') {
        if (policy === 'Never') return false;
        if (!(await this.backOffAllows(pod, c, v))) return false;
      }
      await this.startContainer(pod, c, v);
      return false;
    }
    return true;
  }

  private async syncContainers(pod: Pod, views: Map<string, ContainerView>): Promise<void> {
    const policy = pod.spec?.restartPolicy ?? 'Always';
    await Promise.all((pod.spec?.containers ?? []).map(async (c) => {
      const name = c.name ?? '';
      const v = this.view(views, name);
      let cur = v.current;
      const why = this.killRequests.get(name);
      if (why !== undefined) {
        this.killRequests.delete(name);
        if (cur?.state === 'running') {
          await this.killContainer(pod, c, cur, pod.spec?.terminationGracePeriodSeconds ?? 30, why);
          cur = (await this.deps.runtime.containerStatus(cur.id)) ?? cur;
          v.current = cur;
        }
      }
      if (cur?.state === 'running') {
        if (!this.probed.has(cur.id)) {
          this.probed.add(cur.id);
          this.deps.probes.add(pod, c, cur.id, this.podIPs[0], Date.parse(cur.startedAt ?? cur.createdAt));
        }
        v.ready = this.deps.probes.ready(this.uid, name);
        v.started = this.deps.probes.started(this.uid, name) ?? true;
        this.waiting.delete(name);
        return;
      }
      if (cur?.state === 'created') return;
      if (cur?.state === 'exited') {
        this.deps.probes.removeContainer(this.uid, name);
        if (!shouldRestart(policy, cur.exitCode)) { this.waiting.delete(name); return; }
        if (!(await this.backOffAllows(pod, c, v))) return;
      }
      await this.startContainer(pod, c, v);
    }));
    for (const v of views.values()) {
      if (!v.waiting && this.waiting.has(v.name)) v.waiting = this.waiting.get(v.name);
    }
  }

  /** Whether an exited container may restart now; otherwise marks it CrashLoopBackOff and schedules a sync. */
  private async backOffAllows(pod: Pod, c: Container, v: ContainerView): Promise<boolean> {
    const cur = v.current!;
    const key = `${this.uid}/${c.name ?? ''}`;
    const exitedAt = Date.parse(cur.finishedAt ?? cur.createdAt) || Date.now();
    const left = this.backOff.remaining(key, exitedAt);
    if (left > 0) {
      const delay = this.backOff.delay(key);
      const msg = `back-off ${goSeconds(delay)} restarting failed container=${c.name ?? ''} pod=${pod.metadata.name ?? ''}_${pod.metadata.namespace ?? ''}(${this.uid})`;
      if (this.waiting.get(c.name ?? '')?.reason !== 'CrashLoopBackOff') {
        this.deps.event(pod, c.name, ...ContainerEvents.backOff(c.name ?? '', pod));
      }
      this.waiting.set(c.name ?? '', { reason: 'CrashLoopBackOff', message: msg });
      v.waiting = this.waiting.get(c.name ?? '');
      this.kick(left + 50);
      return false;
    }
    this.backOff.next(key, exitedAt);
    return true;
  }

  /** Creates and starts the next instance; an ephemeral one gets no probes and may join a target's PID namespace. */
  private async startContainer(pod: Pod, c: Container, v: ContainerView, o: { ephemeral?: boolean; pidNamespaceOf?: string } = {}): Promise<void> {
    const name = c.name ?? '';
    const sb = this.sandbox.status!;
    const attempt = v.current ? v.current.attempt + 1 : 0;
    const event = (type: 'Normal' | 'Warning', reason: string, message: string): void => this.deps.event(pod, name, type, reason, message);
    const made = await createPodContainer(this.deps, {
      pod, container: c, sandbox: sb, attempt, podIPs: this.podIPs, volumes: this.volumes, pidNamespaceOf: o.pidNamespaceOf, event,
    });
    if ('waiting' in made) {
      this.waiting.set(name, made.waiting);
      v.waiting = made.waiting;
      if (made.retryMs !== undefined) this.kick(made.retryMs);
      return;
    }
    const created = made.created;
    event(...ContainerEvents.created(name));
    if (v.previous) await this.deps.runtime.removeContainer(v.previous.id).catch(() => undefined);
    v.previous = v.current;
    v.current = created;
    try {
      await this.deps.runtime.startContainer(created.id);
    } catch (err) {
      event(...ContainerEvents.failed((err as Error).message));
      v.current = (await this.deps.runtime.containerStatus(created.id)) ?? created;
      this.waiting.delete(name);
      this.kick(100);
      return;
    }
    this.waiting.delete(name);
    v.waiting = undefined;
    event(...ContainerEvents.started(name));
    if (c.lifecycle?.postStart) {
      const failure = await this.deps.hooks.run('postStart', pod, c, created.id, this.podIPs[0], (pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000);
      if (failure !== undefined) {
        this.waiting.set(name, { reason: 'PostStartHookError', message: failure });
        await this.killContainer(pod, c, created, pod.spec?.terminationGracePeriodSeconds ?? 30, 'FailedPostStartHook');
      }
    }
    v.current = (await this.deps.runtime.containerStatus(created.id)) ?? created;
    if (v.current.state === 'running' && !o.ephemeral) {
      this.probed.add(created.id);
      this.deps.probes.add(pod, c, created.id, this.podIPs[0], Date.parse(v.current.startedAt ?? v.current.createdAt));
      v.ready = this.deps.probes.ready(this.uid, name);
      v.started = this.deps.probes.started(this.uid, name) ?? true;
    }
  }

  private killContainer(pod: Pod, c: Container | undefined, cur: RuntimeContainer, graceSeconds: number, why?: string): Promise<void> {
    return killContainer(this.deps, pod, this.podIPs[0], c, cur, graceSeconds, why);
  }

  private async killAll(pod: Pod, graceSeconds: number): Promise<void> {
    this.sandbox.status ??= this.sandbox.find();
    const sb = this.sandbox.status;
    if (sb) await killAllContainers(this.deps, pod, sb.id, this.podIPs[0], graceSeconds, (l) => this.deps.log(`pod ${this.describe()}: ${l}`));
  }

  // ---- status, release, deletion ----

  private async writeStatus(pod: Pod): Promise<ApiPodStatus> {
    const views = await this.views();
    for (const [name, w] of this.waiting) {
      const v = this.view(views, name);
      if (v.current?.state !== 'running') v.waiting = w;
    }
    for (const v of views.values()) {
      if (v.current?.state === 'running') {
        v.ready = this.deps.probes.ready(this.uid, v.name);
        v.started = this.deps.probes.started(this.uid, v.name) ?? true;
      }
    }
    const initNames = new Set((pod.spec?.initContainers ?? []).map((c) => c.name ?? ''));
    const ephemeral = ephemeralNames(pod);
    const status = computePodStatus({
      pod,
      hostIP: this.deps.hostIP,
      podIPs: this.podIPs,
      startTime: this.startTime ?? nowIso(),
      sandboxReady: this.sandbox.ready,
      init: [...views.values()].filter((v) => initNames.has(v.name)),
      containers: [...views.values()].filter((v) => !initNames.has(v.name) && !ephemeral.has(v.name)),
      ephemeral: [...views.values()].filter((v) => ephemeral.has(v.name)),
      ...(this.forced ? { forcedPhase: this.forced } : {}),
      now: nowIso(),
    });
    const same = this.lastStatus !== undefined && JSON.stringify(this.lastStatus) === JSON.stringify(status);
    if (!same) {
      await this.deps.status.write(pod, status);
      this.lastStatus = status;
    }
    return status;
  }

  /** A finished pod's sandbox, network and volumes go; its status stays. */
  private async release(): Promise<void> {
    this.deps.probes.removePod(this.uid);
    await this.sandbox.release((line) => this.deps.log(`pod ${this.describe()}: ${line}`));
    await this.deps.volumes.tearDown(this.uid);
  }

  private async terminate(pod: Pod | undefined): Promise<void> {
    if (pod) {
      const grace = pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
      await this.killAll(pod, grace);
      if (!this.finished && this.sandbox.status) {
        const views = await this.views();
        const anyFailed = [...views.values()].some((v) => v.current?.state === 'exited' && v.current.exitCode !== 0);
        const phase = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
          ? pod.status.phase as 'Succeeded' | 'Failed' : anyFailed || (pod.spec?.restartPolicy ?? 'Always') === 'Always' ? 'Failed' : 'Succeeded';
        this.forced = { phase };
        await this.writeStatus(pod).catch(() => undefined);
      }
    } else {
      const sb = this.sandbox.status ?? this.sandbox.find();
      if (sb) for (const c of await this.deps.runtime.listContainers({ sandboxId: sb.id, state: 'running' })) await this.deps.runtime.stopContainer(c.id, 0);
    }
    const logDir = (this.sandbox.status ?? this.sandbox.find())?.config.logDirectory;
    await this.release();
    if (logDir) await rm(logDir, { recursive: true, force: true }).catch(() => undefined);
    this.deps.images.forgetPod(this.uid);
    this.backOff.forget(`${this.uid}/`);
    if (pod) await this.deps.status.finalizeDeletion(pod);
    this.done = true;
    this.onDone(this.uid);
  }
}
