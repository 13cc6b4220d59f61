/**
 * The apps API group's kinds: Deployments, ReplicaSets, DaemonSets and StatefulSets (the pod
 * controllers) and ControllerRevisions (their rollback history).
 */
import type { ResourceDef } from '../../resource.js';
import { controllerrevisions } from './controllerrevision.js';
import { daemonsets } from './daemonset.js';
import { deployments } from './deployment.js';
import { replicasets } from './replicaset.js';
import { statefulsets } from './statefulset.js';

export const appsResources: ResourceDef[] = [deployments, replicasets, daemonsets, statefulsets, controllerrevisions];

export { DeploymentSchema } from './deployment-schema.js';
export { ReplicaSetSchema } from './replicaset.js';
export { DaemonSetSchema } from './daemonset.js';
export { StatefulSetSchema } from './statefulset-schema.js';
export { ControllerRevisionSchema } from './controllerrevision.js';
export { formatLabelSelector, formatLabels, selectorFrom, isSelection, type Selection } from './label-selection.js';
