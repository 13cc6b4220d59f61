/**
 * The controller runtime every controller is built on: a de-duplicating, rate-limited work queue;
 * Controller (level-based reconcile(key) with N workers over shared informers); expectations for
 * controllers that create and delete in bulk; leader election on a Lease; an EventRecorder that
 * de-duplicates Events; and ControllerManager, which runs controllers behind leader election.
 */
export {
  type RateLimiter, ItemExponentialRateLimiter, BucketRateLimiter, MaxOfRateLimiter, defaultControllerRateLimiter,
} from './rate-limiter.js';
export { WorkQueue } from './work-queue.js';
export { Controller, type ControllerOptions, type Reconcile, type ReconcileResult, type KeyMapper } from './controller.js';
export { Expectations, EXPECTATIONS_TTL_MS } from './expectations.js';
export { LeaderElector, type LeaderElectorOptions, type Lease, type LeaseSpec } from './leader-elector.js';
export {
  EventRecorder, referenceTo, type EventRecorderOptions, type EventSource, type EventType, type CoreEvent, type ObjectReference,
} from './event-recorder.js';
export { ControllerManager, type ControllerManagerOptions, type LeaderElectionConfig } from './controller-manager.js';
export { microTime, rfc3339 } from './micro-time.js';
