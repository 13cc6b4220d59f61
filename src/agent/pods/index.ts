/**
 * Running a node's pods: one worker per pod drives the runtime toward the spec (sandbox, network,
 * volumes, init containers, containers, restarts with back-off, probes, hooks, graceful deletion);
 * the status it reports is the kubelet's (phase, conditions, container states); images are pulled
 * by the pull policy with the kubelet's events and back-off.
 */
export { PodWorkers, ApiPodStatusWriter, type PodWorkersOptions } from './pod-workers.js';
export { PodWorker } from './pod-worker.js';
export { ImagePuller, ImageNotReady, dockerAuths, type EventSink, type SecretLookup } from './image-puller.js';
export { computePodStatus, podPhase, containerStatus, CONTAINER_ID_PREFIX, type ApiPodStatus, type ContainerView } from './pod-status.js';
export { CrashBackOff } from './crash-backoff.js';
export { ContainerEvents, containerRef, podRef, podDesc } from './kubelet-events.js';
export * from './deps.js';
