/**
 * The scheduler's pure core: a framework of small plugins (PreFilter, Filter, PostFilter, PreScore,
 * Score, NormalizeScore) as kube-scheduler has, every default plugin, an incrementally kept
 * Snapshot of the cluster, and `schedulePod(pod, snapshot, profile)`, which places one pod or
 * explains, in Kubernetes' words, why it fits nowhere (with preemption's victims when evicting
 * would help). No I/O: informers feed the Snapshot and a binder acts on the results.
 */
export * from './types.js';
export { Selector, compileLabelSelector, selectorFromSet, type Labels } from './labels.js';
export { RequiredNodeAffinity, NodeSelectorMatcher } from './node-selector.js';
export { Resource, podRequest, podRequestAmounts, isScalarResourceName, DEFAULT_MILLI_CPU_REQUEST, DEFAULT_MEMORY_REQUEST } from './resources.js';
export { PodInfo, podKey, normalizedImageName, termMatches, type AffinityTerm, type HostPort } from './pod-info.js';
export { NodeInfo } from './node-info.js';
export { Snapshot } from './snapshot.js';
export type { WorkloadKind } from './workload-selectors.js';
export * from './status.js';
export { FitError, formatFitError, NO_NODES_AVAILABLE, newDiagnosis, type Diagnosis } from './fit-error.js';
export * from './framework.js';
export { runFilter, runFilterWithNominatedPods, runPreFilter } from './run-plugins.js';
export { schedulePod, numFeasibleNodesToFind, selectHost, type ScheduleResult } from './schedule-one.js';
export { defaultProfile, defaultPlugins, DEFAULT_SCORE_WEIGHTS, type DefaultProfileOptions } from './default-profile.js';
export * from './plugins/index.js';
export { startScheduler, type SchedulerOptions, type RunningScheduler, type SchedulerStats } from './scheduler.js';
export { SchedulingQueue, type QueuedPod, type QueueOptions, INITIAL_BACKOFF_MS, MAX_BACKOFF_MS, MAX_UNSCHEDULABLE_MS } from './queue.js';
export { Binder, type BindJob, type BinderOptions } from './binder.js';
export { feedSnapshot, PriorityResolver, responsibleFor } from './informer-feed.js';
