/**
 * The `simulated` runtime: pods that run without processes, for testing scheduling and
 * controllers at scale. It works at the pod level, not through the container-level `Runtime`
 * interface (sandboxes, images unpacked to layer directories, log files, exec): a simulated pod has
 * none of those, and thousands of pods must cost a few objects each. It supplies the statuses a
 * kubelet would report; simulated-nodes/ decides when each is written.
 */
export {
  pendingStatus, runningStatus, terminatedStatus, simulatedImageID, simulatedContainerID, SUCCEEDED, FAILED,
  type SimPod, type SimContainer, type Placement, type Ending,
} from './pod-status.js';
