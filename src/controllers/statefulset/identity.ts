/**
 * A stateful pod's identity: its name "<set>-<ordinal>", the labels statefulset.kubernetes.io/
 * pod-name and apps.kubernetes.io/pod-index, hostname and subdomain (the governing service), and its
 * storage: one volume per claim template, backed by the claim "<template>-<set>-<ordinal>" whose
 * labels are the template's plus the set's matchLabels. Pods are made from the template as
 * Kubernetes' GetPodFromTemplate does, with the revision they belong to in controller-revision-hash.
 */
import { CONTROLLER_REVISION_HASH_LABEL, newControllerRef } from '../history/index.js';
import {
  POD_INDEX_LABEL, POD_NAME_LABEL, STATEFULSET_KIND, type ClaimTemplate, type PersistentVolumeClaim, type PodVolume, type StatefulPod,
  type StatefulSet,
} from './types.js';

const ORDINAL = /^(.*)-([0-9]+)$/;

/** The parent set's name and the ordinal (-1 when the name has none, or it is beyond int32). */
export function parentAndOrdinal(name: string): { parent: string; ordinal: number } {
  const m = ORDINAL.exec(name);
  if (!m) return { parent: '', ordinal: -1 };
  const n = Number(m[2]);
  return { parent: m[1], ordinal: n <= 2147483647 ? n : -1 };
}

export const ordinalOf = (pod: StatefulPod): number => parentAndOrdinal(pod.metadata.name ?? '').ordinal;
export const startOrdinal = (set: StatefulSet): number => set.spec?.ordinals?.start ?? 0;
export const replicasOf = (set: StatefulSet): number => set.spec?.replicas ?? 1;
export const endOrdinal = (set: StatefulSet): number => startOrdinal(set) + replicasOf(set) - 1;

export function inOrdinalRange(pod: StatefulPod, set: StatefulSet): boolean {
  const o = ordinalOf(pod);
  return o >= startOrdinal(set) && o <= endOrdinal(set);
}

export const podName = (set: StatefulSet, ordinal: number): string => `${set.metadata.name ?? ''}-${ordinal}`;

export function claimName(set: StatefulSet, template: ClaimTemplate, ordinal: number): string {
  return `${template.metadata?.name ?? ''}-${set.metadata.name ?? ''}-${ordinal}`;
}

export function isMemberOf(set: StatefulSet, pod: StatefulPod): boolean {
  return parentAndOrdinal(pod.metadata.name ?? '').parent === set.metadata.name;
}

export function identityMatches(set: StatefulSet, pod: StatefulPod): boolean {
  const { parent, ordinal } = parentAndOrdinal(pod.metadata.name ?? '');
  return ordinal >= 0 && parent === set.metadata.name && pod.metadata.name === podName(set, ordinal)
    && pod.metadata.namespace === set.metadata.namespace && pod.metadata.labels?.[POD_NAME_LABEL] === pod.metadata.name;
}

/** The claims a pod of this ordinal uses, by claim template name. */
export function claimsFor(set: StatefulSet, ordinal: number): Map<string, PersistentVolumeClaim> {
  const out = new Map<string, PersistentVolumeClaim>();
  for (const t of set.spec?.volumeClaimTemplates ?? []) {
    const meta = structuredClone(t.metadata ?? {});
    delete meta.creationTimestamp;
    out.set(t.metadata?.name ?? '', {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim',
      metadata: { ...meta, name: claimName(set, t, ordinal), namespace: set.metadata.namespace, labels: { ...meta.labels, ...set.spec?.selector?.matchLabels } },
      spec: structuredClone(t.spec ?? {}),
    });
  }
  return out;
}

export function storageMatches(set: StatefulSet, pod: StatefulPod): boolean {
  const ordinal = ordinalOf(pod);
  if (ordinal < 0) return false;
  const volumes = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  for (const t of set.spec?.volumeClaimTemplates ?? []) {
    const v = volumes.get(t.metadata?.name ?? '');
    if (!v?.persistentVolumeClaim || v.persistentVolumeClaim.claimName !== claimName(set, t, ordinal)) return false;
  }
  return true;
}

/** Volumes for the claim templates replace same-named volumes of the pod; the others stay after them. */
export function updateStorage(set: StatefulSet, pod: StatefulPod): void {
  const claims = claimsFor(set, ordinalOf(pod));
  const volumes: PodVolume[] = [...claims].map(([name, c]) => ({ name, persistentVolumeClaim: { claimName: c.metadata.name } }));
  for (const v of pod.spec?.volumes ?? []) if (!claims.has(v.name)) volumes.push(v);
  pod.spec = { ...pod.spec, volumes };
}

export function updateIdentity(set: StatefulSet, pod: StatefulPod): void {
  const ordinal = ordinalOf(pod);
  pod.metadata.name = podName(set, ordinal);
  pod.metadata.namespace = set.metadata.namespace;
  pod.metadata.labels = { ...pod.metadata.labels, [POD_NAME_LABEL]: pod.metadata.name, [POD_INDEX_LABEL]: String(ordinal) };
}

export const podRevision = (pod: StatefulPod): string => pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';

/** newStatefulSetPod: the template as a pod, named, labelled and given its claims, hostname and subdomain. */
export function newStatefulSetPod(set: StatefulSet, ordinal: number, revision: string): StatefulPod {
  const t = set.spec?.template ?? {};
  const meta = t.metadata ?? {};
  const pod: StatefulPod = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: podName(set, ordinal), labels: { ...meta.labels },
      annotations: meta.annotations ? { ...meta.annotations } : undefined,
      finalizers: meta.finalizers ? [...meta.finalizers] : undefined,
      ownerReferences: [newControllerRef(set, STATEFULSET_KIND)],
    },
    spec: structuredClone(t.spec ?? {}) as StatefulPod['spec'],
  };
  updateIdentity(set, pod);
  pod.spec = { ...pod.spec, hostname: pod.metadata.name, ...(set.spec?.serviceName ? { subdomain: set.spec.serviceName } : {}) };
  updateStorage(set, pod);
  pod.metadata.labels = { ...pod.metadata.labels, [CONTROLLER_REVISION_HASH_LABEL]: revision };
  return pod;
}

/**
 * newVersionedStatefulSetPod: ordinals below the partition (RollingUpdate) are made at the current
 * revision, the others at the update revision.
 */
export function newVersionedPod(currentSet: StatefulSet, updateSet: StatefulSet, currentRevision: string, updateRevision: string, ordinal: number): StatefulPod {
  const st = currentSet.spec?.updateStrategy;
  const start = startOrdinal(currentSet);
  const atCurrent = (st?.type === 'RollingUpdate' && !st.rollingUpdate && ordinal < start + (currentSet.status?.currentReplicas ?? 0))
    || (!!st?.rollingUpdate && ordinal < start + (st.rollingUpdate.partition ?? 0));
  return atCurrent ? newStatefulSetPod(currentSet, ordinal, currentRevision) : newStatefulSetPod(updateSet, ordinal, updateRevision);
}
