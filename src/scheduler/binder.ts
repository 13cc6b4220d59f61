/**
 * The binding cycle: writes scheduling decisions through POST pods/<name>/binding, many at once
 * but with a bounded number in flight (the rest wait in order), so the scheduling loop never waits
 * for the API server. The pod is assumed in the snapshot before binding and forgotten when the
 * binding fails. Before the binding, VolumeBinding's PreBind binds or provisions the pod's unbound
 * claims for the node and waits for them (close() gives up such waits).
 */
import type { Clientset } from '../client/index.js';
import { podKey } from './pod-info.js';
import { bindPodVolumes } from './plugins/volume-binding/pre-bind.js';
import type { PodView } from './types.js';

export interface BindJob {
  pod: PodView;
  node: string;
}

export interface BinderOptions {
  /** Bindings in flight at most (default 32). */
  concurrency?: number;
  onBound: (job: BindJob) => void;
  onFailed: (job: BindJob, err: Error) => void;
  /** How long a binding waits for the pod's claims to be bound (default 10 minutes, kube-scheduler's bind timeout). */
  volumeBindTimeoutMs?: number;
}

export class Binder {
  private readonly pending: BindJob[] = [];
  private head = 0;
  private inFlight = 0;
  private readonly concurrency: number;
  private idleWaiters: Array<() => void> = [];
  private readonly closing = new AbortController();

  constructor(private readonly clientset: Clientset, private readonly o: BinderOptions) {
    this.concurrency = o.concurrency ?? 32;
  }

  get busy(): number { return this.inFlight + this.pending.length - this.head; }

  bind(job: BindJob): void {
    this.pending.push(job);
    this.pump();
  }

  /** Stops waiting for volumes: bindings that wait for claims fail (call before idle() when stopping). */
  close(): void {
    this.closing.abort();
  }

  /** Resolves when nothing is pending or in flight. */
  idle(): Promise<void> {
    if (this.busy === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  private pump(): void {
    while (this.inFlight < this.concurrency && this.head < this.pending.length) {
      const job = this.pending[this.head++];
      if (this.head > 1024 && this.head * 2 > this.pending.length) { this.pending.splice(0, this.head); this.head = 0; }
      this.inFlight++;
      this.post(job).then(() => this.o.onBound(job), (err: Error) => this.o.onFailed(job, err)).finally(() => {
        this.inFlight--;
        this.pump();
        if (this.busy === 0) for (const w of this.idleWaiters.splice(0)) w();
      });
    }
  }

  private async post(job: BindJob): Promise<void> {
    const md = job.pod.metadata;
    const ns = md.namespace ?? 'default';
    const name = md.name ?? '';
    try {
      await bindPodVolumes(this.clientset, job.pod, job.node, { timeoutMs: this.o.volumeBindTimeoutMs, signal: this.closing.signal });
    } catch (err) {
      throw new Error(`Cannot bind ${podKey(job.pod)} to ${job.node}: running PreBind plugin "VolumeBinding": binding volumes: ${(err as Error).message}`);
    }
    const path = `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(name)}/binding`;
    const body = { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace: ns, uid: md.uid }, target: { apiVersion: 'v1', kind: 'Node', name: job.node } };
    const res = await this.clientset.rest.request('POST', path, { body });
    if (res.status >= 300) {
      let msg = res.text;
      try { msg = (JSON.parse(res.text) as { message?: string }).message ?? msg; } catch { /* keep the raw text */ }
      const err = new Error(`Cannot bind ${podKey(job.pod)} to ${job.node}: ${msg}`) as Error & { code?: number };
      err.code = res.status;
      throw err;
    }
  }
}
