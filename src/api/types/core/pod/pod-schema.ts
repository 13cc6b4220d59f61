/** The Pod and PodTemplate kinds' top-level schemas and PodTemplateSpec. */
import { ObjectMetaSchema } from '../../../meta/object-meta.js';
import { kindFields } from '../../../meta/type-fields.js';
import { field, object } from '../../../schema/build.js';
import { PodSpecSchema } from './pod-spec.js';
import { PodStatusSchema } from './pod-status.js';

export const PodSchema = object('io.k8s.api.core.v1.Pod', 'The smallest deployable unit: one or more containers that share a network namespace, volumes and a node.', () => ({
  ...kindFields(),
  metadata: field(ObjectMetaSchema, 'Standard object metadata.', { proto: 1 }),
  spec: field(PodSpecSchema, 'What the pod should run.', { proto: 2 }),
  status: field(PodStatusSchema, 'What the pod is doing now, as last reported by its node.', { proto: 3 }),
}), { gvk: { group: '', version: 'v1', kind: 'Pod' } });

export const PodTemplateSchema = object('io.k8s.api.core.v1.PodTemplate', 'A stored pod template that controllers and tools can copy pods from.', () => ({
  ...kindFields(),
  metadata: field(ObjectMetaSchema, 'Standard object metadata.', { proto: 1 }),
  template: field(PodTemplateSpecSchema, 'The pods to create from this template.', { proto: 2 }),
}), { gvk: { group: '', version: 'v1', kind: 'PodTemplate' } });

export const PodTemplateSpecSchema = object('io.k8s.api.core.v1.PodTemplateSpec', 'Metadata and spec of the pods a controller creates.', () => ({
  metadata: field(ObjectMetaSchema, 'Labels and annotations of the pods to create.', { proto: 1 }),
  spec: field(PodSpecSchema, 'Spec of the pods to create.', { proto: 2 }),
}));
