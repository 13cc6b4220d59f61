/**
 * The expected number of pods behind a PodDisruptionBudget that counts by percentage or by
 * maxUnavailable: the sum of the scales (spec.replicas) of the controllers owning its pods — a
 * Deployment (through its ReplicaSet), a ReplicaSet of its own, a StatefulSet, or any other kind
 * that serves the scale subresource (found through discovery). A pod's controller must be one of
 * them, with a matching uid; pods with no controller are reported as unmanaged.
 */
import type { KObject, OwnerReference } from '../../api/index.js';
import { type Clientset, type GroupVersionResource, type Informer, type SharedInformerFactory } from '../../client/index.js';
import { controllerRef, REPLICASETS, type ReplicaSet } from '../replicaset/index.js';
import type { PodLike } from './pdb-status.js';

export const DEPLOYMENTS: GroupVersionResource = { group: 'apps', version: 'v1', resource: 'deployments' };
export const STATEFULSETS: GroupVersionResource = { group: 'apps', version: 'v1', resource: 'statefulsets' };

interface Scalable extends KObject { spec?: { replicas?: number } }
interface ApiResource { name: string; kind: string }

type Found = { uid: string; scale: number } | undefined;

function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

function isKind(ref: OwnerReference, kind: string, groups: readonly string[]): boolean {
  return ref.kind === kind && groups.includes(groupOf(ref.apiVersion));
}

export class WorkloadScales {
  private readonly replicaSets: Informer<ReplicaSet>;
  private readonly deployments: Informer<Scalable>;
  private readonly statefulSets: Informer<Scalable>;

  constructor(private readonly cs: Clientset, informers: SharedInformerFactory) {
    this.replicaSets = informers.forResource<ReplicaSet>(REPLICASETS);
    this.deployments = informers.forResource<Scalable>(DEPLOYMENTS);
    this.statefulSets = informers.forResource<Scalable>(STATEFULSETS);
  }

  get informers(): Array<Informer<KObject>> {
    return [this.replicaSets, this.deployments, this.statefulSets] as unknown as Array<Informer<KObject>>;
  }

  /** Sum of the scales of the pods' controllers, and the names of pods without one. Rejects when a controller cannot be found. */
  async expectedScale(pods: readonly PodLike[]): Promise<{ expected: number; unmanaged: string[] }> {
    const scales = new Map<string, number>();
    const unmanaged: string[] = [];
    for (const p of pods) {
      const ref = controllerRef(p);
      if (!ref) {
        unmanaged.push(p.metadata.name ?? '');
        continue;
      }
      if (scales.has(ref.uid)) continue;
      const found = await this.find(ref, p.metadata.namespace ?? '');
      if (!found) throw new Error(`found no controllers for pod ${JSON.stringify(p.metadata.name ?? '')}`);
      scales.set(found.uid, found.scale);
    }
    let expected = 0;
    for (const s of scales.values()) expected += s;
    return { expected, unmanaged };
  }

  private async find(ref: OwnerReference, ns: string): Promise<Found> {
    if (isKind(ref, 'ReplicaSet', ['apps', 'extensions'])) {
      const rs = this.replicaSets.store.get(`${ns}/${ref.name}`);
      if (!rs || rs.metadata.uid !== ref.uid) return undefined;
      const owner = controllerRef(rs);
      if (owner?.kind === 'Deployment') {
        if (!isKind(owner, 'Deployment', ['apps', 'extensions'])) return undefined;
        const d = this.deployments.store.get(`${ns}/${owner.name}`);
        return d && d.metadata.uid === owner.uid ? { uid: owner.uid, scale: d.spec?.replicas ?? 1 } : undefined;
      }
      return { uid: ref.uid, scale: rs.spec?.replicas ?? 1 };
    }
    if (isKind(ref, 'StatefulSet', ['apps'])) {
      const ss = this.statefulSets.store.get(`${ns}/${ref.name}`);
      return ss && ss.metadata.uid === ref.uid ? { uid: ref.uid, scale: ss.spec?.replicas ?? 1 } : undefined;
    }
    return this.viaScaleSubresource(ref, ns);
  }

  /** Any other kind: its /scale, found through discovery. */
  private async viaScaleSubresource(ref: OwnerReference, ns: string): Promise<Found> {
    const group = groupOf(ref.apiVersion);
    const base = group ? `/apis/${ref.apiVersion}` : `/api/${ref.apiVersion}`;
    const res = await this.cs.rest.request('GET', base, { accept: 'application/json' });
    if (res.status !== 200) throw new Error(`no matches for kind ${JSON.stringify(ref.kind)} in version ${JSON.stringify(ref.apiVersion)}`);
    const list = (JSON.parse(res.text) as { resources?: ApiResource[] }).resources ?? [];
    const resource = list.find((r) => r.kind === ref.kind && !r.name.includes('/'));
    if (!resource) throw new Error(`no matches for kind ${JSON.stringify(ref.kind)} in version ${JSON.stringify(ref.apiVersion)}`);
    const gr = group ? `${resource.name}.${group}` : resource.name;
    if (!list.some((r) => r.name === `${resource.name}/scale` && r.kind === 'Scale')) throw new Error(`${gr} does not implement the scale subresource`);
    const scale = await this.cs.rest.request('GET', `${base}/namespaces/${encodeURIComponent(ns)}/${resource.name}/${encodeURIComponent(ref.name)}/scale`, { accept: 'application/json' });
    if (scale.status === 404) return undefined;
    if (scale.status !== 200) throw new Error(`cannot read the scale of ${gr} ${ref.name}: the server answered ${scale.status}`);
    const s = JSON.parse(scale.text) as { metadata?: { uid?: string }; spec?: { replicas?: number } };
    return s.metadata?.uid === ref.uid ? { uid: ref.uid, scale: s.spec?.replicas ?? 0 } : undefined;
  }
}

