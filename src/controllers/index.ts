/**
 * Controllers: the loops that drive the cluster's objects toward their specs. runtime/ holds what
 * they share (work queue, Controller, expectations, leader election, events, ControllerManager);
 * each controller lives in its own folder and reaches the API server only through client/.
 * startControllers() runs them all, as `navarch server` does.
 */
export * from './runtime/index.js';
export * from './discovery/index.js';
export * from './namespace/index.js';
export * from './serviceaccount/index.js';
export * from './garbagecollector/index.js';
export * from './replicaset/index.js';
export * from './replication/index.js';
export * from './apf/index.js';
export * from './certificates/index.js';
export * from './deployment/index.js';
export * from './history/index.js';
export * from './daemonset/index.js';
export * from './statefulset/index.js';
export * from './job/index.js';
export * from './cronjob/index.js';
export * from './nodelifecycle/index.js';
export * from './disruption/index.js';
export * from './servicelb/index.js';
export { ResourceQuotaController, RESOURCEQUOTAS, type ResourceQuotaControllerOptions } from './resourcequota/index.js';
export { EndpointsController, type EndpointsControllerOptions } from './endpoints/index.js';
export {
  EndpointSliceController, EndpointSliceMirroringController, type EndpointSliceControllerOptions, type EndpointSliceMirroringControllerOptions,
} from './endpointslice/index.js';
export { startControllers, type StartControllersOptions, type RunningControllers } from './start.js';
export * from './volume/index.js';
