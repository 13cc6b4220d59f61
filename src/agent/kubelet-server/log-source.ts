/**
 * What the kubelet server asks of the node agent to serve a container's log: the pod as the agent
 * runs it (spec, and the status it last reported, whose container statuses say which container
 * instance is current and which ran before), where the pod's logs are, and whether a container is
 * still running (following a log ends when it stops).
 */
import type { PodSpec } from '../../api/types/core/pod/index.js';

export interface ContainerStateView {
  waiting?: { reason?: string };
  running?: object;
  terminated?: { containerID?: string; exitCode?: number; reason?: string };
}

/** A container status as the kubelet reports it (only what choosing a log needs). */
export interface ContainerStatusView {
  name?: string;
  /** The current instance, `<runtime>://<id>`. */
  containerID?: string;
  restartCount?: number;
  state?: ContainerStateView;
  lastState?: ContainerStateView;
}

export interface PodStatusView {
  initContainerStatuses?: ContainerStatusView[];
  containerStatuses?: ContainerStatusView[];
  ephemeralContainerStatuses?: ContainerStatusView[];
}

export interface LogPod {
  pod: { metadata: { name?: string; namespace?: string; uid?: string }; spec?: PodSpec; status?: PodStatusView };
  /** The pod's log directory: `<dir>/<container>/<restartCount>.log` are its containers' logs. */
  logDirectory: string;
}

export interface LogSource {
  /** The pod of that namespace and name on this node, or undefined when the node has none. */
  pod(namespace: string, name: string): LogPod | undefined | Promise<LogPod | undefined>;
  /** Whether the container instance (a containerID from the status) is running now. */
  isRunning(containerID: string): boolean | Promise<boolean>;
}
