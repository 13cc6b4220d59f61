/**
 * Container runtimes for the node agent. `Runtime` (runtime.ts) is the one interface the pod worker
 * drives — sandboxes, containers, status, logs, exec — shaped after the CRI runtime service; `runc/`
 * implements it with real containers (OCI bundles over overlayfs, runc, cgroups, namespaces) and a
 * later `simulated/` without processes.
 */
export type {
  Runtime, RuntimeName, SandboxConfig, SandboxStatus, SandboxState, RuntimeImage, Mount, ContainerResources,
  ContainerSecurity, ContainerConfig, ContainerState, ContainerStatus, ExecOptions, ExecProcess, ExecResult,
  ContainerEvent,
} from './runtime.js';
export { RuncRuntime, type RuncRuntimeOptions } from './runc/runc-runtime.js';
export { criTimestamp, parseLogLine, CriLogWriter, MAX_LINE, type LogRecord, type LogStream } from './runc/cri-log.js';
export { milliCPUToShares, milliCPUToQuota, capabilitySet, DEFAULT_CAPABILITIES } from './runc/oci-spec.js';
export { readCgroupFile, oomKillCount } from './runc/host.js';
