/** autoscaling/v1 Scale: the body of every /scale subresource (deployments, replicasets, statefulsets…). */
import { field, int32, kindFields, object, string } from '../../api/index.js';

export const ScaleSpecSchema = object('io.k8s.api.autoscaling.v1.ScaleSpec', 'Desired size of a scalable resource.', () => ({
  replicas: field(int32, 'Desired number of instances.', { proto: 1 }),
}));

export const ScaleStatusSchema = object('io.k8s.api.autoscaling.v1.ScaleStatus', 'Observed size of a scalable resource.', () => ({
  replicas: field(int32, 'Number of instances observed.', { required: true, proto: 1 }),
  selector: field(string, 'Label selector of the instances, in the string form of a label query.', { proto: 2 }),
}));

export const ScaleSchema = object('io.k8s.api.autoscaling.v1.Scale', 'The scale (replica count) of a resource.', () => ({
  ...kindFields(),
  spec: field(ScaleSpecSchema, 'Desired size.', { proto: 2 }),
  status: field(ScaleStatusSchema, 'Observed size; read-only.', { proto: 3 }),
}), { gvk: { group: 'autoscaling', version: 'v1', kind: 'Scale' } });
