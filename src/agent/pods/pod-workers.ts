/**
 * The pod workers of a node: one informer over the pods bound to this node feeds one PodWorker per
 * pod uid; container exits from the runtime and probe results wake the worker concerned. At start,
 * sandboxes and volume folders left for pods that no longer exist are cleaned up (the containers
 * of pods that still exist keep running and are adopted by their workers).
 */
import { deletedObject, isConflict, isNotFound, type Clientset, type Informer, type ResourceClient, type SharedInformerFactory } from '../../client/index.js';
import type { Pod } from '../../api/types/core/pod/index.js';
import { CrashBackOff } from './crash-backoff.js';
import { LABEL_POD_UID, type StatusDep, type WorkerDeps } from './deps.js';
import type { ApiPodStatus } from './pod-status.js';
import { PodWorker } from './pod-worker.js';

const PODS = { group: '', version: 'v1', resource: 'pods' };

/** Status writes and the final delete, through the API. */
export class ApiPodStatusWriter implements StatusDep {
  private readonly pods: ResourceClient<Pod>;

  constructor(clientset: Clientset) {
    this.pods = clientset.resource<Pod>(PODS);
  }

  async write(pod: Pod, status: ApiPodStatus): Promise<void> {
    try {
      await this.pods.namespace(pod.metadata.namespace ?? 'default').patch(pod.metadata.name ?? '', 'merge', { status }, { subresource: 'status' });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  async finalizeDeletion(pod: Pod): Promise<void> {
    try {
      await this.pods.namespace(pod.metadata.namespace ?? 'default').delete(pod.metadata.name ?? '', {
        gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid },
      });
    } catch (err) {
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
  }
}

export interface PodWorkersOptions {
  nodeName: string;
  factory: SharedInformerFactory;
  deps: WorkerDeps;
  /** uids of pods with volume folders on disk, for the clean-up at start. */
  volumesOnDisk?: () => Promise<string[]>;
}

export class PodWorkers {
  private readonly workers = new Map<string, PodWorker>();
  private readonly informer: Informer<Pod>;
  private readonly backOff = new CrashBackOff();
  private unsubscribe?: () => void;

  constructor(private readonly opts: PodWorkersOptions) {
    this.informer = opts.factory.forResource<Pod>(PODS, { fieldSelector: `spec.nodeName=${opts.nodeName}` });
    this.informer.addEventHandler({
      onAdd: (p) => this.dispatch(p),
      onUpdate: (_old, p) => this.dispatch(p),
      onDelete: (p) => {
        const pod = deletedObject(p);
        this.workers.get(pod.metadata.uid ?? '')?.update(undefined);
      },
    });
  }

  /** After the informer synced: adopts or cleans up what earlier runs left, and watches the runtime. */
  async start(): Promise<void> {
    const { runtime } = this.opts.deps;
    this.unsubscribe = runtime.onEvent((e) => {
      if (e.type !== 'exited') return;
      for (const w of this.workers.values()) if (w.sandboxId === e.sandboxId) w.kick();
    });
    const live = new Set(this.informer.store.list().map((p) => p.metadata.uid ?? ''));
    for (const sb of runtime.listSandboxes()) {
      const uid = sb.config.labels?.[LABEL_POD_UID] ?? '';
      if (!live.has(uid) && !this.workers.has(uid)) this.worker(uid).update(undefined);
    }
    for (const uid of (await this.opts.volumesOnDisk?.()) ?? []) {
      if (!live.has(uid) && !this.workers.has(uid)) await this.opts.deps.volumes.tearDown(uid).catch(() => undefined);
    }
  }

  /** The worker of a pod uid, if any (probe results are routed through this). */
  get(uid: string): PodWorker | undefined {
    return this.workers.get(uid);
  }

  get size(): number {
    return this.workers.size;
  }

  stop(): void {
    this.unsubscribe?.();
    for (const w of this.workers.values()) w.stop();
  }

  private worker(uid: string): PodWorker {
    let w = this.workers.get(uid);
    if (!w) {
      w = new PodWorker(uid, this.opts.deps, this.backOff, (done) => {
        if (this.workers.get(done)?.done) this.workers.delete(done);
      });
      this.workers.set(uid, w);
    }
    return w;
  }

  private dispatch(pod: Pod): void {
    const uid = pod.metadata.uid ?? '';
    if (pod.spec?.nodeName !== this.opts.nodeName) return;
    const w = this.workers.get(uid);
    if (w?.done) return;
    (w ?? this.worker(uid)).update(pod);
  }
}
