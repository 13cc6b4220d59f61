/**
 * What the replica controller needs to know about the kind it runs over: ReplicaSets (apps/v1, a
 * LabelSelector) or ReplicationControllers (v1, an equality-only map selector), as Kubernetes runs
 * its replication manager as the ReplicaSet controller behind a conversion layer.
 */
import type { KObject } from '../../api/index.js';
import type { GroupVersionResource } from '../../client/index.js';
import type { LabelSelector } from './selector.js';

export interface ReplicaCondition { type: string; status: string; lastTransitionTime?: string; reason?: string; message?: string }

/** The fields ReplicaSets and ReplicationControllers share (everything but the selector's form). */
export interface ReplicatedObject extends KObject {
  spec?: { replicas?: number; minReadySeconds?: number; template?: { metadata?: KObject['metadata']; spec?: unknown } };
  status?: {
    replicas?: number; fullyLabeledReplicas?: number; readyReplicas?: number; availableReplicas?: number;
    observedGeneration?: number; conditions?: ReplicaCondition[];
  };
}

export interface ReplicaKind<T extends ReplicatedObject> {
  /** The resource the controller lists, watches, adopts for and writes status to. */
  resource: GroupVersionResource;
  /** apiVersion and kind of the owner references it writes and recognizes. */
  apiVersion: string;
  kind: string;
  /** The Events' source component ("replicaset-controller", "replication-controller"). */
  component: string;
  /** The controller's name in logs ("replicaset", "replicationcontroller"). */
  name: string;
  /** The object's selector as a LabelSelector; undefined selects nothing. */
  selector(obj: T): LabelSelector | undefined;
}

/** The group of an apiVersion ("apps/v1" → "apps", "v1" → ""). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
