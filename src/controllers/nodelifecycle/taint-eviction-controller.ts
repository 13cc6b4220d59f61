/**
 * The taint eviction controller (Kubernetes' taint-eviction-controller, formerly the
 * NoExecuteTaintManager): a pod bound to a node with NoExecute taints is deleted unless it
 * tolerates every one of them — at once if it does not, after the shortest tolerationSeconds of
 * the tolerations it uses if those are bounded (DefaultTolerationSeconds gives every pod 300 s for
 * not-ready and unreachable), never if not. Pending deletions are cancelled when the taints go
 * away or the pod's tolerations change. Before deleting it records TaintManagerEviction "Marking
 * for deletion Pod <ns>/<name>" and sets the pod's DisruptionTarget condition
 * (DeletionByTaintManager); a cancellation records "Cancelling deletion of Pod <ns>/<name>".
 */
import { isDeepStrictEqual } from 'node:util';
import { deletedObject, isNotFound, sleep, type Clientset, type Informer, type SharedInformerFactory } from '../../client/index.js';
import { Controller, EventRecorder } from '../runtime/index.js';
import { TimedWorkers } from './timed-workers.js';
import { tolerationVerdict } from './tolerations.js';
import { NODES, POD_NODE_NAME_INDEX, podNodeNameIndex, PODS, timeString, type Node, type Pod, type Taint } from './types.js';

export interface TaintEvictionOptions {
  /** The controller's clock (ms since the epoch); default Date.now. */
  now?: () => number;
  /** How often due deletions are looked for by the clock (default 1 s; timers fire them anyway). */
  checkPeriodMs?: number;
  workers?: number;
  log?: (line: string) => void;
}

const DELETE_TRIES = 5;

function noExecuteTaints(node: Node | undefined): Taint[] {
  return (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
}

const podKey = (p: Pod): string => `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`;

export class TaintEvictionController extends Controller {
  private readonly nodes: Informer<Node>;
  private readonly pods: Informer<Pod>;
  private readonly recorder: EventRecorder;
  private readonly tainted = new Map<string, Taint[]>();
  private readonly evictions: TimedWorkers;
  private readonly now: () => number;
  private handlers: Array<{ remove(): void }> = [];
  private ticker?: NodeJS.Timeout;

  constructor(private readonly cs: Clientset, informers: SharedInformerFactory, private readonly o: TaintEvictionOptions = {}) {
    const holder: { self?: TaintEvictionController } = {};
    super({ name: 'taint-eviction', workers: o.workers ?? 4, log: o.log, reconcile: (key) => holder.self?.sync(key) });
    holder.self = this;
    this.now = o.now ?? Date.now;
    const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    this.nodes = informers.forResource<Node>(NODES);
    this.pods = informers.forResource<Pod>(PODS, { indexers: { [POD_NODE_NAME_INDEX]: podNodeNameIndex } });
    this.recorder = new EventRecorder(cs, { component: 'taint-eviction-controller' }, { log: o.log });
    this.evictions = new TimedWorkers(this.now, (key) => this.deletePod(key), (line) => log(`taint-eviction: cannot delete pod ${line}`));
    // Watched only so that the workers wait for their caches; events are filtered below.
    this.watch(this.nodes, () => undefined);
    this.watch(this.pods, () => undefined);
  }

  override async start(): Promise<boolean> {
    const started = super.start();
    if (!this.handlers.length) {
      this.handlers.push(this.nodes.addEventHandler({
        onAdd: (n) => this.enqueue(n.metadata.name ?? ''),
        onUpdate: (old, n) => { if (!isDeepStrictEqual(noExecuteTaints(old), noExecuteTaints(n))) this.enqueue(n.metadata.name ?? ''); },
        onDelete: (d) => this.enqueue(deletedObject(d).metadata.name ?? ''),
      }));
      this.handlers.push(this.pods.addEventHandler({
        onAdd: (p) => this.enqueue(podKey(p)),
        onUpdate: (old, p) => {
          if (old.spec?.nodeName !== p.spec?.nodeName || !isDeepStrictEqual(old.spec?.tolerations ?? [], p.spec?.tolerations ?? [])) this.enqueue(podKey(p));
        },
        onDelete: (d) => this.enqueue(podKey(deletedObject(d))),
      }));
    }
    const ok = await started;
    if (ok && !this.ticker) {
      this.ticker = setInterval(() => this.evictions.checkDue(), this.o.checkPeriodMs ?? 1000);
      this.ticker.unref?.();
    }
    return ok;
  }

  override async stop(): Promise<void> {
    clearInterval(this.ticker);
    this.ticker = undefined;
    for (const h of this.handlers.splice(0)) h.remove();
    await super.stop();
    await this.evictions.clear();
    this.tainted.clear();
    await this.recorder.flush();
  }

  /** Whether a deletion of the pod ("ns/name") is scheduled, and for when (controller clock). */
  scheduledDeletion(key: string): number | undefined {
    return this.evictions.get(key)?.fireAt;
  }

  private sync(key: string): void {
    if (key.includes('/')) this.podChanged(key);
    else this.nodeChanged(key);
  }

  private nodeChanged(name: string): void {
    const node = this.nodes.store.get(name);
    const taints = noExecuteTaints(node);
    if (taints.length) this.tainted.set(name, taints);
    else this.tainted.delete(name);
    if (!node) return;
    const pods = this.pods.store.byIndex(POD_NODE_NAME_INDEX, name);
    const now = this.now();
    for (const p of pods) {
      if (!taints.length) this.cancel(podKey(p));
      else this.processPod(podKey(p), p, taints, now);
    }
  }

  private podChanged(key: string): void {
    const pod = this.pods.store.get(key);
    if (!pod) {
      this.cancel(key);
      return;
    }
    const taints = pod.spec?.nodeName ? this.tainted.get(pod.spec.nodeName) : undefined;
    if (taints) this.processPod(key, pod, taints, this.now());
  }

  private processPod(key: string, pod: Pod, taints: Taint[], now: number): void {
    const v = tolerationVerdict(taints, pod.spec?.tolerations);
    if (!v.tolerated) {
      this.cancel(key);
      this.evictions.add(key, now, now);
      return;
    }
    if (v.forMs === undefined) {
      this.cancel(key);
      return;
    }
    // A deletion already scheduled keeps its time.
    if (this.evictions.has(key)) return;
    this.evictions.add(key, now, now + v.forMs);
  }

  private cancel(key: string): void {
    if (!this.evictions.cancel(key)) return;
    const [namespace, name] = key.split('/');
    this.recorder.event({ apiVersion: 'v1', kind: 'Pod', namespace, name }, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
  }

  private async deletePod(key: string): Promise<void> {
    const [namespace, name] = key.split('/');
    this.recorder.event({ apiVersion: 'v1', kind: 'Pod', namespace, name }, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
    const client = this.cs.resource<Pod>(PODS).namespace(namespace);
    for (let i = 0; ; i++) {
      try {
        const pod = await client.get(name);
        const cond = pod.status?.conditions?.find((c) => c.type === 'DisruptionTarget');
        const reason = 'DeletionByTaintManager';
        const message = 'Taint manager: deleting due to NoExecute taint';
        if (!cond || cond.status !== 'True' || cond.reason !== reason || cond.message !== message) {
          const lastTransitionTime = cond?.status === 'True' ? cond.lastTransitionTime : timeString(this.now());
          await client.patch(name, 'strategic', {
            status: { conditions: [{ type: 'DisruptionTarget', status: 'True', reason, message, lastTransitionTime }] },
          }, { subresource: 'status' });
        }
        await client.delete(name);
        return;
      } catch (err) {
        if (isNotFound(err)) return;
        if (i + 1 >= DELETE_TRIES) throw err;
        await sleep(10);
      }
    }
  }
}

