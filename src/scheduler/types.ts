/**
 * Typed views of the objects the scheduler reads. API objects arrive as loose KObjects (decoded
 * JSON), so every field here is optional; only the fields scheduling looks at are named.
 */
import type { KObject, LabelSelector, ObjectMeta } from '../api/index.js';

export type { LabelSelector } from '../api/index.js';

export type ResourceList = Record<string, string | number>;

export interface ContainerView {
  name?: string;
  image?: string;
  ports?: Array<{ hostPort?: number; containerPort?: number; protocol?: string; hostIP?: string }>;
  resources?: { requests?: ResourceList; limits?: ResourceList };
  /** "Always" on an init container makes it a sidecar (restartable init container). */
  restartPolicy?: string;
}

export interface TolerationView {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export interface TaintView { key: string; value?: string; effect: string; timeAdded?: string }

export interface SelectorRequirement { key?: string; operator?: string; values?: string[] }
export interface NodeSelectorTermView { matchExpressions?: SelectorRequirement[]; matchFields?: SelectorRequirement[] }
export interface NodeSelectorView { nodeSelectorTerms?: NodeSelectorTermView[] }

export interface PodAffinityTermView {
  labelSelector?: LabelSelector | null;
  namespaces?: string[];
  topologyKey?: string;
  namespaceSelector?: LabelSelector | null;
  matchLabelKeys?: string[];
  mismatchLabelKeys?: string[];
}

export interface WeightedPodAffinityTermView { weight?: number; podAffinityTerm?: PodAffinityTermView }

export interface PodAffinityView {
  requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTermView[];
  preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTermView[];
}

export interface AffinityView {
  nodeAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: NodeSelectorView | null;
    preferredDuringSchedulingIgnoredDuringExecution?: Array<{ weight?: number; preference?: NodeSelectorTermView }>;
  };
  podAffinity?: PodAffinityView;
  podAntiAffinity?: PodAffinityView;
}

export interface TopologySpreadConstraintView {
  maxSkew?: number;
  topologyKey?: string;
  whenUnsatisfiable?: string;
  labelSelector?: LabelSelector | null;
  minDomains?: number;
  nodeAffinityPolicy?: string;
  nodeTaintsPolicy?: string;
  matchLabelKeys?: string[];
}

export interface VolumeView {
  name?: string;
  persistentVolumeClaim?: { claimName?: string; readOnly?: boolean };
  ephemeral?: { volumeClaimTemplate?: unknown };
  [source: string]: unknown;
}

export interface PodSpecView {
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  affinity?: AffinityView;
  tolerations?: TolerationView[];
  containers?: ContainerView[];
  initContainers?: ContainerView[];
  overhead?: ResourceList;
  volumes?: VolumeView[];
  priority?: number;
  priorityClassName?: string;
  preemptionPolicy?: string;
  schedulerName?: string;
  topologySpreadConstraints?: TopologySpreadConstraintView[];
  hostNetwork?: boolean;
}

export interface PodView extends KObject {
  spec?: PodSpecView;
  status?: { phase?: string; nominatedNodeName?: string; startTime?: string; conditions?: unknown[] };
}

export interface NodeView extends KObject {
  spec?: { unschedulable?: boolean; taints?: TaintView[] };
  status?: {
    capacity?: ResourceList;
    allocatable?: ResourceList;
    images?: Array<{ names?: string[]; sizeBytes?: number }>;
    conditions?: Array<{ type?: string; status?: string }>;
  };
}

export interface NamespaceView extends KObject {}

export interface PersistentVolumeClaimView extends KObject {
  spec?: {
    storageClassName?: string | null;
    volumeName?: string;
    accessModes?: string[];
    selector?: LabelSelector | null;
    resources?: { requests?: ResourceList };
    volumeMode?: string;
  };
  status?: { phase?: string };
}

export interface PersistentVolumeView extends KObject {
  spec?: {
    storageClassName?: string;
    capacity?: ResourceList;
    accessModes?: string[];
    volumeMode?: string;
    claimRef?: { namespace?: string; name?: string; uid?: string } | null;
    nodeAffinity?: { required?: NodeSelectorView | null } | null;
  };
  status?: { phase?: string };
}

export interface StorageClassView extends KObject {
  provisioner?: string;
  volumeBindingMode?: string;
  allowedTopologies?: Array<{ matchLabelExpressions?: Array<{ key?: string; values?: string[] }> }>;
}

export interface PodDisruptionBudgetView extends KObject {
  spec?: { selector?: LabelSelector | null };
  status?: { disruptionsAllowed?: number; disruptedPods?: Record<string, string> };
}

/** Metadata of any object, for helpers that only need names and labels. */
export type Meta = ObjectMeta;
