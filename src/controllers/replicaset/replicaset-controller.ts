/**
 * The ReplicaSet controller: the replica controller over apps/v1 ReplicaSets, whose selector is a
 * LabelSelector; its Events come from "replicaset-controller".
 */
import type { Clientset, GroupVersionResource, SharedInformerFactory } from '../../client/index.js';
import { ReplicaController, type ReplicaControllerOptions } from './replica-controller.js';
import type { ReplicaKind, ReplicatedObject } from './replica-kind.js';
import type { LabelSelector } from './selector.js';

export const REPLICASETS: GroupVersionResource = { group: 'apps', version: 'v1', resource: 'replicasets' };

export interface ReplicaSet extends ReplicatedObject {
  spec?: NonNullable<ReplicatedObject['spec']> & { selector?: LabelSelector };
}

export type ReplicaSetControllerOptions = ReplicaControllerOptions;

export const REPLICASET_KIND: ReplicaKind<ReplicaSet> = {
  resource: REPLICASETS, apiVersion: 'apps/v1', kind: 'ReplicaSet', component: 'replicaset-controller', name: 'replicaset',
  selector: (rs) => rs.spec?.selector,
};

export class ReplicaSetController extends ReplicaController<ReplicaSet> {
  constructor(cs: Clientset, informers: SharedInformerFactory, opts: ReplicaSetControllerOptions = {}) {
    super(cs, informers, REPLICASET_KIND, opts);
  }
}
