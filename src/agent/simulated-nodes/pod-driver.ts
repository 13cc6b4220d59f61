/**
 * Moves pods bound to simulated nodes through their lives, as a kubelet would report them:
 * Pending (ContainerCreating, when there is a startup delay) → Running and ready → for pods whose
 * restartPolicy is not Always, Succeeded or (with the configured probability) Failed after their
 * run time; a pod being deleted gets its containers reported terminated after a short delay (at most
 * its grace period) and is then deleted for good with gracePeriodSeconds 0.
 *
 * One informer watches every bound pod (fieldSelector spec.nodeName!=); pods on other nodes are
 * ignored. Status writes go through a work queue with a few workers: each pod is one key, so
 * 10,000 pods cost 10,000 queued keys, never 10,000 concurrent requests.
 */
import {
  deletedObject, isNotFound, isConflict, keyOf, type Clientset, type Informer, type ResourceClient, type SharedInformerFactory,
} from '../../client/index.js';
import { FAILED, pendingStatus, runningStatus, SUCCEEDED, terminatedStatus, type Ending, type Placement } from '../runtime/simulated/index.js';
import { EXIT_CODE_ANNOTATION, RUNTIME_SECONDS_ANNOTATION, type SimulationConfig } from './config.js';
import { IpPool } from './ip-pool.js';
import { now } from './node-object.js';
import type { NodeObject, PodObject } from './types.js';
import { WorkQueue } from './work-queue.js';

const PODS = { group: '', version: 'v1', resource: 'pods' };

interface PodState {
  uid: string;
  node: string;
  placement: Placement;
  /** When the pod is to be reported running (ms epoch). */
  readyAt: number;
  /** When it is to end (ms epoch), for pods whose restartPolicy is not Always. */
  endAt?: number;
  /** When its containers are to be reported stopped after a deletion request (ms epoch). */
  stopAt?: number;
  written: 'none' | 'pending' | 'running' | 'ended';
  deleted?: boolean;
}

export interface PodDriverOptions {
  config: SimulationConfig;
  log: (line: string) => void;
  /** Random numbers in [0, 1), for failures; replaceable in tests. */
  random?: () => number;
}

export class PodDriver {
  private readonly pods: ResourceClient<PodObject>;
  private readonly informer: Informer<PodObject>;
  private readonly queue: WorkQueue;
  private readonly states = new Map<string, PodState>();
  private readonly nodes = new Map<string, { hostIP: string; pool: IpPool }>();
  private readonly random: () => number;

  constructor(clientset: Clientset, factory: SharedInformerFactory, private readonly opts: PodDriverOptions) {
    this.pods = clientset.resource<PodObject>(PODS);
    this.random = opts.random ?? Math.random;
    this.informer = factory.forResource<PodObject>(PODS, { fieldSelector: 'spec.nodeName!=' });
    this.queue = new WorkQueue((key) => this.sync(key), opts.config.workers, (key, err) => {
      if (isConflict(err)) { this.queue.addAfter(key, 200); return; }
      opts.log(`simulated nodes: cannot update pod ${key}: ${err instanceof Error ? err.message : String(err)}`);
      this.queue.addAfter(key, 1000);
    });
    const enqueue = (p: PodObject): void => {
      if (this.nodes.has(p.spec?.nodeName ?? '')) this.queue.add(keyOf(p));
    };
    this.informer.addEventHandler({
      onAdd: enqueue,
      onUpdate: (_old, p) => enqueue(p),
      onDelete: (p) => enqueue(deletedObject(p)),
    });
  }

  /** Takes charge of pods bound to this node (its InternalIP and pod CIDR). */
  addNode(node: NodeObject): void {
    const name = node.metadata.name ?? '';
    const hostIP = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
    const cidr = node.spec?.podCIDR ?? '';
    if (this.nodes.has(name)) return;
    this.nodes.set(name, { hostIP, pool: new IpPool(cidr) });
    for (const p of this.informer.store.list()) if (p.spec?.nodeName === name) this.queue.add(keyOf(p));
  }

  /** Resolves when nothing is queued or being written (for tests). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  stop(): void {
    this.queue.stop();
  }

  private async sync(key: string): Promise<void> {
    const pod = this.informer.store.get(key);
    let st = this.states.get(key);
    if (!pod || (st && st.uid !== pod.metadata.uid)) {
      if (st) this.forget(key, st);
      if (!pod) return;
      st = undefined;
    }
    const nodeName = pod.spec?.nodeName ?? '';
    const node = this.nodes.get(nodeName);
    if (!node) return;
    const phase = pod.status?.phase;
    const terminal = phase === 'Succeeded' || phase === 'Failed';
    st ??= this.admit(key, pod, node);
    if (!st) return;
    const t = Date.now();

    if (pod.metadata.deletionTimestamp) {
      if (st.deleted) return;
      if (!terminal && st.written !== 'ended') {
        const grace = pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
        st.stopAt ??= t + Math.min(this.opts.config.terminationDelaySeconds, Math.max(grace, 0)) * 1000;
        if (t < st.stopAt) { this.queue.addAfter(key, st.stopAt - t); return; }
        if (st.written === 'running') {
          await this.writeStatus(pod, terminatedStatus(pod, st.placement, SUCCEEDED, now()));
        }
        st.written = 'ended';
      }
      st.deleted = true;
      try {
        await this.pods.namespace(pod.metadata.namespace ?? 'default').delete(pod.metadata.name ?? '', {
          gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid },
        });
      } catch (err) {
        if (!isNotFound(err) && !isConflict(err)) { st.deleted = false; throw err; }
      }
      return;
    }
    if (terminal) {
      if (st.written !== 'ended') { st.written = 'ended'; node.pool.release(st.uid); }
      return;
    }
    if (st.written === 'none' && t < st.readyAt) {
      await this.writeStatus(pod, pendingStatus(pod, st.placement, now()));
      st.written = 'pending';
    }
    if (t < st.readyAt) { this.queue.addAfter(key, st.readyAt - t); return; }
    if (st.written !== 'running' && st.written !== 'ended') {
      st.placement.startTime = st.placement.startTime || now();
      await this.writeStatus(pod, runningStatus(pod, st.placement, now()));
      st.written = 'running';
      if ((pod.spec?.restartPolicy ?? 'Always') !== 'Always') st.endAt = Date.now() + this.runSeconds(pod) * 1000;
    }
    if (st.endAt !== undefined && st.written === 'running') {
      const left = st.endAt - Date.now();
      if (left > 0) { this.queue.addAfter(key, left); return; }
      const ending = this.ending(pod);
      await this.writeStatus(pod, terminatedStatus(pod, st.placement, ending, now()));
      st.written = 'ended';
      node.pool.release(st.uid);
    }
  }

  /** First sight of a pod: its addresses, and where it is in its life (it may be running from an earlier run). */
  private admit(key: string, pod: PodObject, node: { hostIP: string; pool: IpPool }): PodState | undefined {
    const uid = pod.metadata.uid ?? '';
    const status = pod.status ?? {};
    let podIP = pod.spec?.hostNetwork ? node.hostIP : undefined;
    if (!podIP && status.podIP && node.pool.adopt(uid, status.podIP)) podIP = status.podIP;
    podIP ??= node.pool.allocate(uid);
    if (!podIP) {
      this.opts.log(`simulated nodes: no pod IP left on ${pod.spec?.nodeName} for ${key}`);
      return undefined;
    }
    const running = status.phase === 'Running';
    const startTime = status.startTime ?? '';
    const st: PodState = {
      uid, node: pod.spec?.nodeName ?? '',
      placement: { hostIP: node.hostIP, podIP, startTime: startTime || now() },
      readyAt: running ? 0 : Date.now() + this.opts.config.startupDelaySeconds * 1000,
      written: running ? 'running' : status.phase === 'Succeeded' || status.phase === 'Failed' ? 'ended' : 'none',
    };
    if (running && (pod.spec?.restartPolicy ?? 'Always') !== 'Always') {
      const started = Date.parse(startTime) || Date.now();
      st.endAt = started + this.runSeconds(pod) * 1000;
    }
    this.states.set(key, st);
    return st;
  }

  private ending(pod: PodObject): Ending {
    const raw = pod.metadata.annotations?.[EXIT_CODE_ANNOTATION];
    const code = Number(raw);
    if (raw !== undefined && Number.isInteger(code) && code >= 0 && code <= 255) return code === 0 ? SUCCEEDED : { exitCode: code, reason: 'Error' };
    return this.random() < this.opts.config.failureProbability ? FAILED : SUCCEEDED;
  }

  private runSeconds(pod: PodObject): number {
    const v = Number(pod.metadata.annotations?.[RUNTIME_SECONDS_ANNOTATION]);
    return Number.isFinite(v) && v >= 0 && pod.metadata.annotations?.[RUNTIME_SECONDS_ANNOTATION] !== undefined ? v : this.opts.config.runSeconds;
  }

  private async writeStatus(pod: PodObject, status: Record<string, unknown>): Promise<void> {
    try {
      await this.pods.namespace(pod.metadata.namespace ?? 'default').patch(pod.metadata.name ?? '', 'merge', { status }, { subresource: 'status' });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  private forget(key: string, st: PodState): void {
    this.nodes.get(st.node)?.pool.release(st.uid);
    this.states.delete(key);
  }
}
