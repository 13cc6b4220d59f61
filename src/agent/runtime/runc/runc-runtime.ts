/**
 * The runc implementation of Runtime. A container is an OCI bundle whose rootfs is an overlay of the
 * image's unpacked layers; it runs under `sh -c 'runc run --keep …; echo $? > exit'`, a shell started
 * in its own session that outlives the agent (see container-process.ts). Everything is on disk, so a
 * new agent adopts what the previous one started (init()).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type {
  ContainerConfig, ContainerEvent, ContainerState, ContainerStatus, ExecOptions, ExecProcess, ExecResult,
  Runtime, RuntimeImage, SandboxConfig, SandboxStatus,
} from '../runtime.js';
import { ContainerFiles, type ContainerRecord } from './container-files.js';
import { settleExit, spawnContainer, waitForStart } from './container-process.js';
import { runcExec, runcExecSync } from './exec.js';
import { containerSpec } from './container-spec.js';
import { mountOverlay, removeCgroup, runCommand, unmount, writeFileAtomic } from './host.js';
import { startLogPump, type LogPump } from './log-pump.js';
import { openContainerStdin, resizeContainerTerminal } from './stdin.js';
import { Sandboxes } from './sandboxes.js';

export interface RuncRuntimeOptions {
  /** The runtime's state directory, e.g. `<dataDir>/runtime`. */
  root: string;
  /** The runc binary (default: runc on PATH). */
  runc?: string;
  /** The cgroup under which pod cgroups are made (default /navarch). */
  cgroupRoot?: string;
}

export class RuncRuntime implements Runtime {
  readonly name = 'runc' as const;
  private readonly runc: string;
  private readonly stateRoot: string;
  private readonly sandboxes: Sandboxes;
  private readonly pumps = new Map<string, LogPump>();
  private readonly listeners = new Set<(e: ContainerEvent) => void>();
  private readonly settling = new Map<string, Promise<ContainerStatus | undefined>>();
  /** Which sandbox each container on disk belongs to (records never change it), so that listing a
   *  sandbox's containers reads only theirs. */
  private readonly sandboxOf = new Map<string, string>();
  /** Starts in progress: an exit is reported only after the start was. */
  private readonly starting = new Map<string, Promise<unknown>>();

  constructor(private readonly opts: RuncRuntimeOptions) {
    this.runc = opts.runc ?? 'runc';
    this.stateRoot = join(opts.root, 'runc');
    this.sandboxes = new Sandboxes(opts.root, opts.cgroupRoot ?? '/navarch');
  }

  private get containersDir(): string {
    return join(this.opts.root, 'containers');
  }

  private files(id: string): ContainerFiles {
    if (!/^[a-f0-9]{64}$/.test(id)) throw new Error(`Cannot find container "${id}": not a container id`);
    return new ContainerFiles(join(this.containersDir, id));
  }

  async init(): Promise<void> {
    try {
      await runCommand(this.runc, ['--version'], { timeoutMs: 10_000 });
    } catch (err) {
      throw new Error(`Cannot use runc: ${(err as Error).message} (install the runc package: scripts/setup.sh)`);
    }
    await mkdir(this.stateRoot, { recursive: true });
    await mkdir(this.containersDir, { recursive: true });
    await this.sandboxes.load();
    for (const id of await readdir(this.containersDir)) {
      const files = this.files(id);
      const rec = await files.readRecord().catch(() => undefined);
      if (rec) this.sandboxOf.set(id, rec.sandboxId);
      const obs = await files.observe();
      if (obs.state === 'running') this.watch(id, files);
      else if (obs.state === 'exited' && !obs.final) await this.settle(id);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.pumps.values()].map((p) => p.close()));
    this.pumps.clear();
  }

  onEvent(listener: (e: ContainerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async createSandbox(config: SandboxConfig): Promise<SandboxStatus> {
    return this.sandboxes.status(await this.sandboxes.create(config));
  }

  async removeSandbox(id: string): Promise<void> {
    for (const c of await this.listContainers({ sandboxId: id })) await this.removeContainer(c.id);
    await this.sandboxes.remove(id);
  }

  sandboxStatus(id: string): SandboxStatus | undefined {
    const rec = this.sandboxes.get(id);
    return rec ? this.sandboxes.status(rec) : undefined;
  }

  async writeSandboxHosts(id: string, content: string): Promise<void> {
    const rec = this.sandboxes.get(id);
    if (rec === undefined) throw new Error(`Cannot write the hosts file: sandbox ${id} does not exist`);
    await writeFileAtomic(rec.files.hosts, content);
  }

  listSandboxes(): SandboxStatus[] {
    return this.sandboxes.list().map((r) => this.sandboxes.status(r));
  }

  async createContainer(sandboxId: string, config: ContainerConfig, image: RuntimeImage): Promise<ContainerStatus> {
    const sb = this.sandboxes.get(sandboxId);
    if (sb === undefined) throw new Error(`Cannot create container ${config.name}: sandbox ${sandboxId} does not exist`);
    const id = randomBytes(32).toString('hex');
    const files = this.files(id);
    for (const d of [files.rootfs, files.upper, files.work]) await mkdir(d, { recursive: true });
    try {
      await mountOverlay(image.layerDirs, files.upper, files.work, files.rootfs);
      // As containerd's CRI does: a bind mount's missing source becomes a new directory.
      for (const m of config.mounts ?? []) {
        if (!(await stat(m.hostPath).catch(() => undefined))) await mkdir(m.hostPath, { recursive: true, mode: 0o755 });
      }
      const cgroupsPath = `${sb.cgroupParent}/${id}`;
      const joinPid = config.pidNamespaceOf ? await this.pidNamespaceOf(config.pidNamespaceOf, config.name) : undefined;
      const spec = await containerSpec(sb, config, image, files.rootfs, cgroupsPath, joinPid);
      await writeFile(join(files.bundle, 'config.json'), JSON.stringify(spec));
      const { layerDirs: _layers, ...imageInfo } = image;
      const rec: ContainerRecord = {
        id, sandboxId, name: config.name, attempt: config.attempt ?? 0, image: imageInfo, logPath: config.logPath,
        stopSignal: config.stopSignal ?? image.config.StopSignal ?? 'SIGTERM', cgroupsPath,
        createdAt: new Date().toISOString(), labels: config.labels ?? {}, annotations: config.annotations ?? {},
        ...(config.stdin ? { stdin: true, ...(config.stdinOnce ? { stdinOnce: true } : {}) } : {}),
        ...(config.tty ? { tty: true } : {}),
      };
      await files.writeRecord(rec);
      this.sandboxOf.set(id, sandboxId);
    } catch (err) {
      await unmount(files.rootfs).catch(() => undefined);
      await rm(files.dir, { recursive: true, force: true });
      throw err;
    }
    this.emit({ type: 'created', containerId: id, sandboxId });
    return (await this.containerStatus(id))!;
  }

  async startContainer(id: string): Promise<void> {
    const files = this.files(id);
    const rec = await files.readRecord();
    const obs = await files.observe();
    if (obs.state !== 'created') throw new Error(`Cannot start container ${id}: it is ${obs.state}`);
    await mkdir(join(rec.logPath, '..'), { recursive: true });
    let announced: () => void = () => undefined;
    this.starting.set(id, new Promise<void>((r) => { announced = r; }));
    try {
      await spawnContainer({ runc: this.runc, stateRoot: this.stateRoot, id, files, stdin: rec.stdin === true, tty: rec.tty === true });
      this.watch(id, files);
      const started = await waitForStart(files, 30_000);
      if (!started) {
        const status = await this.doSettle(id);
        throw new Error(status?.message ?? `Cannot start container ${id}: runc failed`);
      }
      this.emit({ type: 'started', containerId: id, sandboxId: rec.sandboxId });
    } finally {
      this.starting.delete(id);
      announced();
    }
  }

  async stopContainer(id: string, graceSeconds: number): Promise<void> {
    const files = this.files(id);
    const rec = await files.readRecord();
    if ((await files.observe()).state !== 'running') return;
    if (graceSeconds > 0) {
      await this.kill(id, rec.stopSignal);
      if (await this.waitExit(id, files, graceSeconds * 1000)) return;
    }
    await this.kill(id, 'SIGKILL');
    if (!(await this.waitExit(id, files, 10_000))) throw new Error(`Cannot stop container ${id}: it still runs after SIGKILL`);
  }

  async removeContainer(id: string): Promise<void> {
    const files = this.files(id);
    let rec: ContainerRecord | undefined;
    try {
      rec = await files.readRecord();
    } catch {
      rec = undefined;
    }
    if ((await files.observe()).state === 'running') await this.stopContainer(id, 0);
    await this.pumps.get(id)?.close();
    this.pumps.delete(id);
    await runCommand(this.runc, ['--root', this.stateRoot, 'delete', '--force', id]).catch(() => undefined);
    await unmount(files.rootfs);
    if (rec) {
      const parent = this.sandboxes.get(rec.sandboxId)?.cgroupParent ?? rec.cgroupsPath.slice(0, rec.cgroupsPath.lastIndexOf('/'));
      await removeCgroup(rec.cgroupsPath, parent).catch(() => undefined);
    }
    await rm(files.dir, { recursive: true, force: true });
    this.sandboxOf.delete(id);
    if (rec) this.emit({ type: 'removed', containerId: id, sandboxId: rec.sandboxId });
  }

  async containerStatus(id: string): Promise<ContainerStatus | undefined> {
    const files = this.files(id);
    let rec: ContainerRecord;
    try {
      rec = await files.readRecord();
    } catch {
      return undefined;
    }
    const obs = await files.observe();
    const f = obs.final;
    return {
      id, sandboxId: rec.sandboxId, name: rec.name, attempt: rec.attempt, state: obs.state,
      image: rec.image.ref, imageId: rec.image.id, imageRef: rec.image.repoDigest ?? rec.image.id,
      createdAt: rec.createdAt,
      ...(obs.startedAt ? { startedAt: obs.startedAt } : {}),
      ...(obs.finishedAt ? { finishedAt: obs.finishedAt } : {}),
      ...(obs.exitCode !== undefined ? { exitCode: obs.exitCode } : {}),
      ...(f ? { reason: f.reason, ...(f.message ? { message: f.message } : {}) } : {}),
      ...(obs.pid ? { pid: obs.pid } : {}),
      logPath: rec.logPath, labels: rec.labels, annotations: rec.annotations,
    };
  }

  async listContainers(filter: { sandboxId?: string; state?: ContainerState } = {}): Promise<ContainerStatus[]> {
    const out: ContainerStatus[] = [];
    const ids = filter.sandboxId !== undefined
      ? [...this.sandboxOf].filter(([, sb]) => sb === filter.sandboxId).map(([id]) => id)
      : await readdir(this.containersDir);
    for (const id of ids) {
      const s = await this.containerStatus(id).catch(() => undefined);
      if (!s) continue;
      if (filter.sandboxId !== undefined && s.sandboxId !== filter.sandboxId) continue;
      if (filter.state !== undefined && s.state !== filter.state) continue;
      out.push(s);
    }
    return out;
  }

  /** The PID namespace file of a running container, for another container to join. */
  private async pidNamespaceOf(targetId: string, name: string): Promise<string> {
    const obs = await this.files(targetId).observe();
    if (obs.state !== 'running' || !obs.pid) {
      throw new Error(`Cannot create container ${name}: the container whose process namespace it joins (${targetId}) is not running`);
    }
    return `/proc/${obs.pid}/ns/pid`;
  }

  async openStdin(id: string): Promise<Writable | undefined> {
    return openContainerStdin(this.files(id));
  }

  async resizeTerminal(id: string, width: number, height: number): Promise<void> {
    await resizeContainerTerminal(this.files(id), width, height);
  }

  exec(id: string, opts: ExecOptions): ExecProcess {
    this.files(id); // validates the id
    return runcExec(this.runc, this.stateRoot, id, opts);
  }

  async execSync(id: string, cmd: string[], timeoutMs: number): Promise<ExecResult> {
    const obs = await this.files(id).observe();
    if (obs.state !== 'running') throw new Error(`Cannot exec in container ${id}: it is ${obs.state}`);
    return runcExecSync(this.runc, this.stateRoot, id, cmd, timeoutMs);
  }

  /** Pumps the container's output into its log; when the output ends, records how it exited. */
  private watch(id: string, files: ContainerFiles): void {
    if (this.pumps.has(id)) return;
    void files.readRecord().then((rec) => {
      const pump = startLogPump({ stdout: files.stdout, stderr: files.stderr }, rec.logPath);
      this.pumps.set(id, pump);
      void pump.done.then(async () => {
        await this.starting.get(id);
        await this.settle(id);
      }).catch(() => undefined);
    }).catch(() => undefined);
  }

  /** Records how a container exited, once (concurrent callers share the one settlement). */
  private settle(id: string): Promise<ContainerStatus | undefined> {
    const running = this.settling.get(id);
    if (running) return running;
    const p = this.doSettle(id).finally(() => this.settling.delete(id));
    this.settling.set(id, p);
    return p;
  }

  private async doSettle(id: string): Promise<ContainerStatus | undefined> {
    const files = this.files(id);
    const rec = await files.readRecord().catch(() => undefined);
    if (rec === undefined) return undefined;
    const final = await settleExit(files, rec);
    if (final) this.emit({ type: 'exited', containerId: id, sandboxId: rec.sandboxId, exitCode: final.exitCode });
    return this.containerStatus(id);
  }

  private async waitExit(id: string, files: ContainerFiles, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (let delay = 5; Date.now() < deadline; delay = Math.min(delay * 2, 100)) {
      if ((await files.observe()).state === 'exited') {
        await this.settle(id);
        return true;
      }
      await new Promise((r) => setTimeout(r, Math.min(delay, Math.max(1, deadline - Date.now()))));
    }
    return (await files.observe()).state === 'exited';
  }

  private async kill(id: string, signal: string): Promise<void> {
    await runCommand(this.runc, ['--root', this.stateRoot, 'kill', id, signal.replace(/^SIG/, '')]).catch(() => undefined);
  }

  private emit(e: ContainerEvent): void {
    for (const l of this.listeners) {
      try { l(e); } catch { /* a listener's failure is its own */ }
    }
  }
}
