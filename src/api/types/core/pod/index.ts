/**
 * core/v1 Pod and PodTemplate: the complete PodSpec schema (containers, volumes, probes, security,
 * scheduling), its defaulting and validation with Kubernetes' wording, the pod table and field
 * selectors. Workload kinds (Deployments, Jobs, StatefulSets…) import the template pieces here.
 */
export { pods, preparePodForCreate } from './pod.js';
export { podtemplates } from './pod-template.js';
export { PodSchema, PodTemplateSchema, PodTemplateSpecSchema } from './pod-schema.js';
export { PodSpecSchema } from './pod-spec.js';
export { PodStatusSchema } from './pod-status.js';
export { ContainerSchema, EphemeralContainerSchema, ResourceRequirementsSchema } from './container.js';
export { VolumeSchema } from './volume.js';
export { defaultPod, defaultPodSpec, defaultPodTemplateSpec, defaultPullPolicy } from './defaults.js';
export { validatePodSpec } from './validate-pod-spec.js';
export {
  validatePod, validatePodCreate, validatePodCreateOnly, validatePodTemplateSpec, validatePodUpdate, UPDATABLE_POD_FIELDS,
} from './validate-pod.js';
export { podQOSClass, type QOSClass } from './qos.js';
export { summarizePod, podTable, type PodSummary } from './table.js';
export type * from './types.js';
export { visitContainers } from './types.js';
export { POD_EMBEDDED_STRUCTS, type EmbeddedStruct } from './embedded.js';
