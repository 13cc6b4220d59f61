/**
 * Controllers: the loops that drive the cluster's objects toward their specs. runtime/ holds what
 * they share (work queue, Controller, expectations, leader election, events, ControllerManager);
 * each controller lives in its own folder and reaches the API server only through client/.
 */
export * from './runtime/index.js';
