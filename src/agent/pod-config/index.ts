/**
 * Pod configuration: how the agent turns a Pod and one of its containers into the runtime's
 * SandboxConfig and ContainerConfig, as the kubelet's kuberuntime does — the environment (envFrom,
 * valueFrom, service links, `$(VAR)` expansion), command and args over the image's, cgroup limits
 * and oom_score_adj by QoS class, the merged security context and runAsNonRoot check, resolv.conf by
 * DNS policy, the managed /etc/hosts, host name and log paths. Also the pod field helpers other
 * agent components share: downward API values (metadata field paths, resourceFieldRef arithmetic)
 * and Go's formatting in kubelet messages (%q, format.Pod, fieldpath.FormatMap). Pure functions
 * except for the environment's lookups, which the caller supplies. Failures carry the kubelet's
 * messages.
 */
export { CreateContainerConfigError, CreatePodSandboxError, type ConfigEvent, type EventRecorder } from './errors.js';
export type { ConfigMapView, SecretView, ServiceView, EnvVar } from './types.js';
export { expand, mappingFor, type Mapping } from './expansion.js';
export { makeEnvironment, type EnvironmentContext } from './environment.js';
export { serviceEnvVars, serviceEnvMap } from './service-env.js';
export { podFieldValue, metadataFieldValue } from './field-ref.js';
export { resourceFieldValue, containerResourceValueByName } from './resource-field-ref.js';
export { commandAndArgs, type CommandAndArgs } from './command.js';
export { containerResources, type ResourceOptions } from './resources.js';
export { podQOSClass, containerOOMScoreAdj, isNodeCriticalPod, type QOSClass } from './qos.js';
export { containerSecurity, effectiveSecurityContext, verifyRunAsNonRoot } from './security.js';
export { podDNSConfig, type PodDNSOptions } from './dns.js';
export { parseResolvConf, type DNSConfig } from './resolv-conf.js';
export { podHostnameAndDomain } from './hostname.js';
export { hostsFile, type HostsFileOptions } from './hosts-file.js';
export { sandboxConfig, podLogDirectory, containerLogPath, POD_LOGS_ROOT, type SandboxOptions } from './sandbox.js';
export { containerConfig, type ContainerConfigOptions, type ContainerBuild } from './container-config.js';
export { goQuote, formatPod, formatMap } from './format.js';
