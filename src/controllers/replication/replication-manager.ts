/**
 * The replication manager: kube-controller-manager's replicationcontroller loop, which is the replica
 * controller over core/v1 ReplicationControllers. Their equality-only selector (a map of labels) is
 * read as a LabelSelector's matchLabels; pods get a ReplicationController owner reference (v1) and
 * Events come from "replication-controller", as in Kubernetes.
 */
import type { Clientset, GroupVersionResource, SharedInformerFactory } from '../../client/index.js';
import { ReplicaController, type ReplicaControllerOptions, type ReplicaKind, type ReplicatedObject } from '../replicaset/index.js';

export const REPLICATIONCONTROLLERS: GroupVersionResource = { group: '', version: 'v1', resource: 'replicationcontrollers' };

export interface ReplicationController extends ReplicatedObject {
  spec?: NonNullable<ReplicatedObject['spec']> & { selector?: Record<string, string> };
}

export type ReplicationManagerOptions = ReplicaControllerOptions;

export const REPLICATIONCONTROLLER_KIND: ReplicaKind<ReplicationController> = {
  resource: REPLICATIONCONTROLLERS, apiVersion: 'v1', kind: 'ReplicationController',
  component: 'replication-controller', name: 'replicationcontroller',
  // Kubernetes converts the map to a LabelSelector's matchLabels; absent selects nothing here
  // (validation never lets one be stored without a selector).
  selector: (rc) => (rc.spec?.selector ? { matchLabels: rc.spec.selector } : undefined),
};

export class ReplicationManager extends ReplicaController<ReplicationController> {
  constructor(cs: Clientset, informers: SharedInformerFactory, opts: ReplicationManagerOptions = {}) {
    super(cs, informers, REPLICATIONCONTROLLER_KIND, opts);
  }
}
