/** The shapes of the objects the DaemonSet controller reads and writes (only the fields it uses). */
import type { KObject } from '../../api/index.js';
import type { AffinityView, PodSpecView, TaintView, TolerationView } from '../../scheduler/index.js';
import type { LabelSelector } from '../replicaset/index.js';
import type { PodTemplate } from '../history/index.js';

export const DAEMONSETS = { group: 'apps', version: 'v1', resource: 'daemonsets' } as const;
export const NODES = { group: '', version: 'v1', resource: 'nodes' } as const;
export const DAEMONSET_KIND = { apiVersion: 'apps/v1', kind: 'DaemonSet' } as const;
/** The annotation on the DaemonSet that carries its template generation. */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';
/** The label daemon pods carry with that generation (extensions.DaemonSetTemplateGenerationKey). */
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

export interface DaemonSetCondition { type: string; status: string; lastTransitionTime?: string; reason?: string; message?: string }

export interface DaemonSetStatus {
  currentNumberScheduled?: number; numberMisscheduled?: number; desiredNumberScheduled?: number; numberReady?: number;
  observedGeneration?: number; updatedNumberScheduled?: number; numberAvailable?: number; numberUnavailable?: number;
  collisionCount?: number; conditions?: DaemonSetCondition[];
}

export interface DaemonSet extends KObject {
  spec?: {
    selector?: LabelSelector;
    template?: PodTemplate & { spec?: DaemonPodSpec };
    updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } };
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
  };
  status?: DaemonSetStatus;
}

export interface DaemonPodSpec extends PodSpecView {
  affinity?: AffinityView;
  tolerations?: TolerationView[];
  hostNetwork?: boolean;
  [k: string]: unknown;
}

export interface DaemonPod extends KObject {
  spec?: DaemonPodSpec;
  status?: { phase?: string; conditions?: Array<{ type: string; status: string; lastTransitionTime?: string }>; containerStatuses?: Array<{ restartCount?: number }> };
}

export interface Node extends KObject {
  spec?: { unschedulable?: boolean; taints?: TaintView[] };
}
