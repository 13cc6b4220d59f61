/**
 * The garbage collector's view of the cluster: one informer per listable, watchable, deletable
 * resource (events excepted), each indexed by owner uid, and a map from every object's uid to where
 * it is stored. Owners are found by uid; dependents through the owner-uid index of every informer.
 */
import type { KObject, OwnerReference } from '../../api/index.js';
import {
  deletedObject, keyOf, ownerUidIndex, type Clientset, type HandlerRegistration, type Informer, type ResourceClient, type SharedInformerFactory,
} from '../../client/index.js';
import { discoverResources, hasVerbs, type ServedResource } from '../discovery/index.js';

export const OWNER_UID_INDEX = 'ownerUid';

/** Resources the collector leaves alone, as Kubernetes' does. */
const IGNORED = new Set(['/events', 'events.k8s.io/events']);

export interface Located { res: ServedResource; informer: Informer<KObject>; key: string }

export class ObjectGraph {
  private readonly tracked = new Map<string, { res: ServedResource; informer: Informer<KObject>; reg: HandlerRegistration }>();
  /** group/Kind → resource, to resolve owner references. */
  private readonly byKind = new Map<string, ServedResource>();
  private readonly uids = new Map<string, Located>();

  constructor(private readonly cs: Clientset, private readonly informers: SharedInformerFactory,
    private readonly onChange: (obj: KObject, deleted: boolean) => void) {}

  /** Discovers resources and tracks those not yet tracked; returns the informers added. */
  async refresh(): Promise<Array<Informer<KObject>>> {
    const { resources } = await discoverResources(this.cs);
    const added: Array<Informer<KObject>> = [];
    for (const r of resources) {
      this.byKind.set(`${r.group}/${r.kind}`, r);
      const id = `${r.group}/${r.resource}`;
      if (IGNORED.has(id) || this.tracked.has(id) || !hasVerbs(r, 'list', 'watch', 'delete')) continue;
      this.cs.resource(r, { namespaced: r.namespaced, kind: r.kind });
      const informer = this.informers.forResource<KObject>(r, { indexers: { [OWNER_UID_INDEX]: ownerUidIndex } });
      const reg = informer.addEventHandler({
        onAdd: (o) => this.saw(r, informer, o),
        onUpdate: (_old, o) => this.saw(r, informer, o),
        onDelete: (d) => {
          const o = deletedObject(d);
          const uid = o.metadata.uid;
          if (uid && this.uids.get(uid)?.key === keyOf(o)) this.uids.delete(uid);
          this.onChange(o, true);
        },
      });
      this.tracked.set(id, { res: r, informer, reg });
      added.push(informer);
    }
    return added;
  }

  private saw(res: ServedResource, informer: Informer<KObject>, o: KObject): void {
    if (o.metadata.uid) this.uids.set(o.metadata.uid, { res, informer, key: keyOf(o) });
    this.onChange(o, false);
  }

  /** Stops listening (the informers belong to the factory). */
  close(): void {
    for (const t of this.tracked.values()) t.reg.remove();
    this.tracked.clear();
    this.uids.clear();
  }

  informersList(): Array<Informer<KObject>> {
    return [...this.tracked.values()].map((t) => t.informer);
  }

  /** The cached object with this uid, and where it lives. */
  find(uid: string): { obj: KObject; at: Located } | undefined {
    const at = this.uids.get(uid);
    if (!at) return undefined;
    const obj = at.informer.store.get(at.key);
    if (!obj || obj.metadata.uid !== uid) return undefined;
    return { obj, at };
  }

  /** Cached objects naming uid among their owners, with where they live. */
  dependents(uid: string): Array<{ obj: KObject; res: ServedResource }> {
    const out: Array<{ obj: KObject; res: ServedResource }> = [];
    for (const t of this.tracked.values()) for (const obj of t.informer.store.byIndex(OWNER_UID_INDEX, uid)) out.push({ obj, res: t.res });
    return out;
  }

  /** The resource an owner reference points at, if the server serves its kind. */
  resolve(ref: OwnerReference): ServedResource | undefined {
    const slash = ref.apiVersion.indexOf('/');
    const group = slash < 0 ? '' : ref.apiVersion.slice(0, slash);
    return this.byKind.get(`${group}/${ref.kind}`);
  }

  client(res: ServedResource, namespace: string | undefined): ResourceClient<KObject> {
    const c = this.cs.resource<KObject>(res, { namespaced: res.namespaced, kind: res.kind });
    return res.namespaced && namespace ? c.namespace(namespace) : c;
  }
}
