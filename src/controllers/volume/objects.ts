/**
 * What the volume controllers read and write: typed views of PersistentVolumes, claims, storage
 * classes and nodes, the resources they live at, and the annotations Kubernetes uses to record
 * binding and provisioning state (the same names, so tools written for Kubernetes read them).
 */
import type { KObject, LabelSelector } from '../../api/index.js';
import type { GroupVersionResource } from '../../client/index.js';

export const PERSISTENT_VOLUMES: GroupVersionResource = { group: '', version: 'v1', resource: 'persistentvolumes' };
export const PERSISTENT_VOLUME_CLAIMS: GroupVersionResource = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
export const STORAGE_CLASSES: GroupVersionResource = { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' };
export const NODES: GroupVersionResource = { group: '', version: 'v1', resource: 'nodes' };

/** On a claim: its binding has been set up once (it is Bound or Lost from then on). */
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
/** On a volume or claim: the controller, not the user, made the binding. */
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** On a claim: the node the scheduler chose for the first pod using it (WaitForFirstConsumer). */
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
/** On a volume: the provisioner that created it. */
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
/** On a claim: the provisioner asked to create its volume. */
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
/** The storage class before spec.storageClassName existed; still honoured. */
export const ANN_BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';
export const ANN_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
export const ANN_BETA_DEFAULT_CLASS = 'storageclass.beta.kubernetes.io/is-default-class';
/** A class whose volumes are made by hand: no provisioning. */
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

export interface ObjectRef { apiVersion?: string; kind?: string; namespace?: string; name?: string; uid?: string; resourceVersion?: string }

export interface NodeSelectorRequirement { key?: string; operator?: string; values?: string[] }
export interface NodeSelectorTerm { matchExpressions?: NodeSelectorRequirement[]; matchFields?: NodeSelectorRequirement[] }

export interface PersistentVolume extends KObject {
  spec?: {
    capacity?: Record<string, string | number>;
    accessModes?: string[];
    claimRef?: ObjectRef | null;
    persistentVolumeReclaimPolicy?: string;
    storageClassName?: string;
    volumeMode?: string;
    nodeAffinity?: { required?: { nodeSelectorTerms?: NodeSelectorTerm[] } } | null;
    hostPath?: { path?: string; type?: string };
    local?: { path?: string };
    [source: string]: unknown;
  };
  status?: { phase?: string; message?: string; reason?: string; lastPhaseTransitionTime?: string };
}

export interface PersistentVolumeClaim extends KObject {
  spec?: {
    accessModes?: string[];
    selector?: LabelSelector | null;
    resources?: { requests?: Record<string, string | number>; limits?: Record<string, string | number> };
    volumeName?: string;
    storageClassName?: string | null;
    volumeMode?: string;
    [field: string]: unknown;
  };
  status?: { phase?: string; accessModes?: string[]; capacity?: Record<string, string | number>; [field: string]: unknown };
}

export interface StorageClass extends KObject {
  provisioner?: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  mountOptions?: string[];
}

export interface Node extends KObject {}

export function annotation(o: KObject, key: string): string | undefined {
  return o.metadata.annotations?.[key];
}

export function hasAnnotation(o: KObject, key: string): boolean {
  return annotation(o, key) !== undefined;
}

/** The claim's class: spec.storageClassName, else the beta annotation, else "" (no class). */
export function claimClass(c: PersistentVolumeClaim): string {
  const s = c.spec?.storageClassName;
  if (s !== undefined && s !== null) return s;
  return annotation(c, ANN_BETA_STORAGE_CLASS) ?? '';
}

export function volumeClass(v: PersistentVolume): string {
  return v.spec?.storageClassName ?? annotation(v, ANN_BETA_STORAGE_CLASS) ?? '';
}

export function claimKey(c: { metadata: { namespace?: string; name?: string } }): string {
  return `${c.metadata.namespace ?? ''}/${c.metadata.name ?? ''}`;
}

export function claimRefKey(ref: ObjectRef): string {
  return `${ref.namespace ?? ''}/${ref.name ?? ''}`;
}

/** The volume is pre-bound or bound to this claim (by name; by uid too when the reference has one). */
export function isVolumeBoundToClaim(v: PersistentVolume, c: PersistentVolumeClaim): boolean {
  const ref = v.spec?.claimRef;
  if (!ref || ref.name !== c.metadata.name || (ref.namespace ?? '') !== (c.metadata.namespace ?? '')) return false;
  return !ref.uid || ref.uid === c.metadata.uid;
}

export function isDefaultClass(sc: StorageClass): boolean {
  return annotation(sc, ANN_DEFAULT_CLASS) === 'true' || annotation(sc, ANN_BETA_DEFAULT_CLASS) === 'true';
}

/** The default class: of several, the newest (then the first by name), as Kubernetes picks. */
export function defaultClass(classes: Iterable<StorageClass>): StorageClass | undefined {
  let best: StorageClass | undefined;
  for (const sc of classes) {
    if (!isDefaultClass(sc)) continue;
    if (!best) { best = sc; continue; }
    const a = Date.parse(sc.metadata.creationTimestamp ?? '') || 0;
    const b = Date.parse(best.metadata.creationTimestamp ?? '') || 0;
    if (a > b || (a === b && (sc.metadata.name ?? '') < (best.metadata.name ?? ''))) best = sc;
  }
  return best;
}

/** A reference to the claim as a volume's spec.claimRef holds it. */
export function claimReference(c: PersistentVolumeClaim): ObjectRef {
  return {
    kind: 'PersistentVolumeClaim', namespace: c.metadata.namespace, name: c.metadata.name, uid: c.metadata.uid,
    apiVersion: 'v1', resourceVersion: c.metadata.resourceVersion,
  };
}
