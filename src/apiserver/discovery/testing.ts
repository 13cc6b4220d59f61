/** Small ResourceDefs for discovery tests: a pod, a deployment with scale, and HPAs in autoscaling v1 and v2. */
import { field, int32, kindFields, object, type ResourceDef } from '../../api/index.js';

function kind(group: string, version: string, kindName: string, extra: Partial<ResourceDef> = {}): ResourceDef {
  const plural = `${kindName.toLowerCase()}s`;
  const pkg = group ? group.split('.')[0] : 'core';
  return {
    group, version, kind: kindName, plural, singular: kindName.toLowerCase(), namespaced: true,
    schema: object(`io.k8s.api.${pkg}.${version}.${kindName}`, `A ${kindName}.`, () => ({
      ...kindFields(),
      spec: field(object(`io.k8s.api.${pkg}.${version}.${kindName}Spec`, 'Desired state.', () => ({
        replicas: field(int32, 'How many.', { proto: 1 }),
      })), 'Desired state.', { proto: 2 }),
    }), { gvk: { group, version, kind: kindName } }),
    ...extra,
  };
}

export const fixturePods = kind('', 'v1', 'Pod', { shortNames: ['po'], categories: ['all'], subresources: { status: true } });
export const fixtureDeployments = kind('apps', 'v1', 'Deployment', {
  shortNames: ['deploy'], categories: ['all'],
  subresources: { status: true, scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas' } },
});
export const fixtureHpaV1 = { ...kind('autoscaling', 'v1', 'HorizontalPodAutoscaler'), plural: 'horizontalpodautoscalers', shortNames: ['hpa'] };
export const fixtureHpaV2 = { ...kind('autoscaling', 'v2', 'HorizontalPodAutoscaler'), plural: 'horizontalpodautoscalers', shortNames: ['hpa'] };
export const fixtureBindings: ResourceDef = { ...kind('', 'v1', 'Binding'), verbs: ['create'] };
