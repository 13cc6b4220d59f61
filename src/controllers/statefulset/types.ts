/** The shapes of the objects the StatefulSet controller reads and writes (only the fields it uses). */
import type { KObject } from '../../api/index.js';
import type { GroupVersionResource } from '../../client/index.js';
import type { PodTemplate } from '../history/index.js';
import type { LabelSelector } from '../replicaset/index.js';

export const STATEFULSETS: GroupVersionResource = { group: 'apps', version: 'v1', resource: 'statefulsets' };
export const PERSISTENTVOLUMECLAIMS: GroupVersionResource = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
export const STATEFULSET_KIND = { apiVersion: 'apps/v1', kind: 'StatefulSet' } as const;
export const POD_KIND = { apiVersion: 'v1', kind: 'Pod' } as const;
/** apps.StatefulSetPodNameLabel */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
/** apps.PodIndexLabel */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

export type RetentionPolicyType = 'Retain' | 'Delete';

export interface ClaimTemplate {
  apiVersion?: string;
  kind?: string;
  metadata?: KObject['metadata'];
  spec?: Record<string, unknown>;
  status?: unknown;
}

export interface StatefulSetStatus {
  observedGeneration?: number; replicas?: number; readyReplicas?: number; currentReplicas?: number; updatedReplicas?: number;
  currentRevision?: string; updateRevision?: string; collisionCount?: number; availableReplicas?: number; conditions?: unknown[];
}

export interface StatefulSet extends KObject {
  spec?: {
    replicas?: number;
    selector?: LabelSelector;
    template?: PodTemplate;
    serviceName?: string;
    volumeClaimTemplates?: ClaimTemplate[];
    podManagementPolicy?: string;
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number; maxUnavailable?: number | string } };
    revisionHistoryLimit?: number;
    minReadySeconds?: number;
    persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string };
    ordinals?: { start?: number };
  };
  status?: StatefulSetStatus;
}

export interface PodVolume { name: string; persistentVolumeClaim?: { claimName?: string; readOnly?: boolean }; [source: string]: unknown }

export interface StatefulPod extends KObject {
  spec?: { volumes?: PodVolume[]; hostname?: string; subdomain?: string; nodeName?: string; [k: string]: unknown };
  status?: { phase?: string; conditions?: Array<{ type: string; status: string; lastTransitionTime?: string }> };
}

export interface PersistentVolumeClaim extends KObject {
  spec?: Record<string, unknown>;
}
