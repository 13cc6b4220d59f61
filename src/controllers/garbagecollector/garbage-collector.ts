/**
 * The garbage collector, as Kubernetes' works: objects whose owners are all gone (not found, or the
 * uid differs) are deleted in the Background; an owner deleted with the "orphan" finalizer first has
 * its reference removed from every dependent, then loses the finalizer; an owner deleted with the
 * "foregroundDeletion" finalizer has its dependents deleted (themselves in the foreground while they
 * have dependents) and keeps the finalizer until no dependent with blockOwnerDeletion is left.
 * Work items are object uids; every change to an object also re-examines its owners.
 */
import type { KObject, OwnerReference } from '../../api/index.js';
import { isConflict, isNotFound, type Clientset, type ResourceClient, type SharedInformerFactory } from '../../client/index.js';
import { Controller } from '../runtime/index.js';
import { ObjectGraph, type Located } from './graph.js';

export const FINALIZER_ORPHAN = 'orphan';
export const FINALIZER_FOREGROUND = 'foregroundDeletion';

export interface GarbageCollectorOptions {
  workers?: number;
  /** How often new resources (custom resources) are looked for (ms; default 30 s). */
  rediscoverMs?: number;
  log?: (line: string) => void;
}

type OwnerState = 'solid' | 'dangling' | 'waiting';

export class GarbageCollector extends Controller {
  private graph?: ObjectGraph;
  private timer?: NodeJS.Timeout;
  private readonly logLine: (line: string) => void;

  constructor(private readonly cs: Clientset, private readonly informers: SharedInformerFactory, private readonly gcOpts: GarbageCollectorOptions = {}) {
    const holder: { gc?: GarbageCollector } = {};
    super({ name: 'garbagecollector', workers: gcOpts.workers ?? 4, log: gcOpts.log, reconcile: (uid) => holder.gc?.collect(uid) });
    holder.gc = this;
    this.logLine = gcOpts.log ?? ((line) => process.stderr.write(`${line}\n`));
  }

  override async start(): Promise<boolean> {
    if (this.running || this.graph) return true;
    const graph = new ObjectGraph(this.cs, this.informers, (obj) => this.changed(obj));
    this.graph = graph;
    try {
      await graph.refresh();
    } catch (err) {
      this.logLine(`garbagecollector: cannot discover resources: ${(err as Error).message}`);
    }
    if (this.graph !== graph) {
      graph.close();
      return false;
    }
    const synced = await Promise.all(graph.informersList().map((i) => i.waitForSync()));
    if (this.graph !== graph || !synced.every(Boolean)) return false;
    const ok = await super.start();
    if (!ok) return false;
    for (const inf of graph.informersList()) for (const o of inf.store.values()) this.changed(o);
    this.timer = setInterval(() => {
      graph.refresh().catch((err: Error) => this.logLine(`garbagecollector: cannot rediscover resources: ${err.message}`));
    }, this.gcOpts.rediscoverMs ?? 30_000);
    return true;
  }

  override async stop(): Promise<void> {
    clearInterval(this.timer);
    this.graph?.close();
    this.graph = undefined;
    await super.stop();
  }

  private changed(obj: KObject): void {
    if (obj.metadata.uid) this.enqueue(obj.metadata.uid);
    for (const r of obj.metadata.ownerReferences ?? []) this.enqueue(r.uid);
  }

  /** One look at the object with this uid. */
  async collect(uid: string): Promise<void> {
    const graph = this.graph;
    if (!graph) return;
    const found = graph.find(uid);
    if (!found) {
      // Gone: its dependents may now be garbage.
      for (const d of graph.dependents(uid)) if (d.obj.metadata.uid) this.enqueue(d.obj.metadata.uid);
      return;
    }
    const { obj, at } = found;
    const finalizers = obj.metadata.finalizers ?? [];
    if (obj.metadata.deletionTimestamp) {
      if (finalizers.includes(FINALIZER_ORPHAN)) await this.orphan(graph, obj, at);
      else if (finalizers.includes(FINALIZER_FOREGROUND)) await this.foreground(graph, obj, at);
      return;
    }
    if (obj.metadata.ownerReferences?.length) await this.attemptToDelete(graph, obj, at);
  }

  /** Removes the owner from every dependent, then the "orphan" finalizer from the owner. */
  private async orphan(graph: ObjectGraph, owner: KObject, at: Located): Promise<void> {
    const uid = owner.metadata.uid ?? '';
    for (const d of graph.dependents(uid)) await removeOwnerRefs(graph.client(d.res, d.obj.metadata.namespace), d.obj, [uid]);
    await removeFinalizer(graph.client(at.res, owner.metadata.namespace), owner, FINALIZER_ORPHAN);
  }

  /** Deletes the dependents; drops "foregroundDeletion" once none that blocks is left. */
  private async foreground(graph: ObjectGraph, owner: KObject, at: Located): Promise<void> {
    const uid = owner.metadata.uid ?? '';
    let blocking = 0;
    for (const d of graph.dependents(uid)) {
      if (!d.obj.metadata.deletionTimestamp && d.obj.metadata.uid) this.enqueue(d.obj.metadata.uid);
      if (d.obj.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion)) blocking++;
    }
    if (blocking === 0) await removeFinalizer(graph.client(at.res, owner.metadata.namespace), owner, FINALIZER_FOREGROUND);
  }

  /** Deletes obj when no owner is left standing; drops references to vanished owners when some are. */
  private async attemptToDelete(graph: ObjectGraph, obj: KObject, at: Located): Promise<void> {
    const states = new Map<string, OwnerState>();
    for (const ref of obj.metadata.ownerReferences ?? []) states.set(ref.uid, await this.ownerState(graph, obj, ref));
    const of = (s: OwnerState): string[] => [...states].filter(([, v]) => v === s).map(([k]) => k);
    const solid = of('solid');
    const dangling = of('dangling');
    const waiting = of('waiting');
    const client = graph.client(at.res, obj.metadata.namespace);
    if (solid.length) {
      if (dangling.length || waiting.length) await removeOwnerRefs(client, obj, [...dangling, ...waiting]);
      return;
    }
    const hasDependents = graph.dependents(obj.metadata.uid ?? '').length > 0;
    const policy = waiting.length && hasDependents ? 'Foreground' : 'Background';
    try {
      await client.delete(obj.metadata.name ?? '', { propagationPolicy: policy, preconditions: { uid: obj.metadata.uid } });
    } catch (err) {
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
  }

  /** Whether an owner stands (solid), is gone (dangling), or is being deleted in the foreground (waiting). */
  private async ownerState(graph: ObjectGraph, obj: KObject, ref: OwnerReference): Promise<OwnerState> {
    let owner = graph.find(ref.uid)?.obj;
    if (!owner) {
      // Not in our caches (yet): ask the server, as its watch may simply be behind.
      const res = graph.resolve(ref);
      if (!res) throw new Error(`Cannot resolve owner ${ref.apiVersion} ${ref.kind} ${ref.name}: the server does not serve that kind`);
      try {
        owner = await graph.client(res, obj.metadata.namespace).get(ref.name);
      } catch (err) {
        if (isNotFound(err)) return 'dangling';
        throw err;
      }
      if (owner.metadata.uid !== ref.uid) return 'dangling';
    }
    if (owner.metadata.deletionTimestamp && (owner.metadata.finalizers ?? []).includes(FINALIZER_FOREGROUND)) return 'waiting';
    return 'solid';
  }
}

/** Removes the references to these owner uids, if the object (same uid) still has them. */
async function removeOwnerRefs(client: ResourceClient<KObject>, obj: KObject, uids: string[]): Promise<void> {
  let cur: KObject;
  try {
    cur = await client.get(obj.metadata.name ?? '');
  } catch (err) {
    if (isNotFound(err)) return;
    throw err;
  }
  if (cur.metadata.uid !== obj.metadata.uid) return;
  const refs = cur.metadata.ownerReferences ?? [];
  const kept = refs.filter((r) => !uids.includes(r.uid));
  if (kept.length === refs.length) return;
  await patchMeta(client, cur, 'ownerReferences', kept);
}

/** Removes one finalizer from the object (same uid), if it still has it. */
async function removeFinalizer(client: ResourceClient<KObject>, obj: KObject, finalizer: string): Promise<void> {
  let cur: KObject;
  try {
    cur = await client.get(obj.metadata.name ?? '');
  } catch (err) {
    if (isNotFound(err)) return;
    throw err;
  }
  if (cur.metadata.uid !== obj.metadata.uid) return;
  const fins = cur.metadata.finalizers ?? [];
  if (!fins.includes(finalizer)) return;
  await patchMeta(client, cur, 'finalizers', fins.filter((f) => f !== finalizer));
}

/** A JSON patch of one metadata list, guarded by the resourceVersion it was computed from. */
async function patchMeta(client: ResourceClient<KObject>, cur: KObject, field: 'ownerReferences' | 'finalizers', value: unknown[]): Promise<void> {
  const ops: unknown[] = [
    { op: 'test', path: '/metadata/uid', value: cur.metadata.uid },
    { op: 'test', path: '/metadata/resourceVersion', value: cur.metadata.resourceVersion },
    value.length ? { op: 'replace', path: `/metadata/${field}`, value } : { op: 'remove', path: `/metadata/${field}` },
  ];
  try {
    await client.patch(cur.metadata.name ?? '', 'json', ops);
  } catch (err) {
    if (isNotFound(err)) return;
    throw err;
  }
}
