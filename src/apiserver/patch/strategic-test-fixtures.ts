/** Test fixtures for strategic merge patch: small schemas mirroring Deployment and Pod, and helpers. */
import assert from 'node:assert/strict';
import {
  anyValue, enumOf, field, int32, intOrString, isStatusError, listOf, mapOf, object, quantity, string, stringMap,
  type ObjectSchema,
} from '../../api/index.js';
import { applyStrategicMergePatch } from './strategic-merge-patch.js';

// Small schemas mirroring the parts of Deployment and Pod that carry patch strategies.
const Port = object('test.ContainerPort', 'A port.', () => ({
  name: field(string, 'Name.'),
  containerPort: field(int32, 'Number.'),
  protocol: field(string, 'Protocol.'),
}));
const EnvVar = object('test.EnvVar', 'A variable.', () => ({
  name: field(string, 'Name.'),
  value: field(string, 'Value.'),
  valueFrom: field(anyValue, 'Source.'),
}));
const Container = object('test.Container', 'A container.', () => ({
  name: field(string, 'Name.'),
  image: field(string, 'Image.'),
  args: field(listOf(string), 'Arguments.', { listType: 'atomic' }),
  env: field(listOf(EnvVar), 'Environment.', { mergeKey: 'name', patchStrategy: 'merge' }),
  ports: field(listOf(Port), 'Ports.', { mergeKey: 'containerPort', patchStrategy: 'merge' }),
  resources: field(object('test.Resources', 'Resources.', () => ({ limits: field(mapOf(quantity), 'Limits.') })), 'Resources.'),
}));
const Volume = object('test.Volume', 'A volume.', () => ({
  name: field(string, 'Name.'),
  emptyDir: field(object('test.EmptyDir', 'Scratch.', () => ({ medium: field(string, 'Medium.') })), 'Scratch space.'),
  configMap: field(object('test.ConfigMapSource', 'From a config map.', () => ({ name: field(string, 'Name.') })), 'Config map.'),
}));
const Toleration = object('test.Toleration', 'A toleration.', () => ({
  key: field(string, 'Key.'), operator: field(string, 'Operator.'), value: field(string, 'Value.'), effect: field(string, 'Effect.'),
}));
const PodSpec = object('test.PodSpec', 'A pod spec.', () => ({
  containers: field(listOf(Container), 'Containers.', { mergeKey: 'name', patchStrategy: 'merge' }),
  volumes: field(listOf(Volume), 'Volumes.', { mergeKey: 'name', patchStrategy: 'merge,retainKeys' }),
  tolerations: field(listOf(Toleration), 'Tolerations.', { listType: 'atomic' }),
  nodeSelector: field(stringMap, 'Node labels.'),
}));
const Meta = object('test.ObjectMeta', 'Metadata.', () => ({
  name: field(string, 'Name.'),
  labels: field(stringMap, 'Labels.'),
  annotations: field(stringMap, 'Annotations.'),
  finalizers: field(listOf(string), 'Finalizers.', { patchStrategy: 'merge', listType: 'set' }),
}));
const Strategy = object('test.DeploymentStrategy', 'Strategy.', () => ({
  type: field(enumOf('Recreate', 'RollingUpdate'), 'Type.'),
  rollingUpdate: field(object('test.RollingUpdate', 'Pacing.', () => ({
    maxSurge: field(intOrString, 'Surge.'), maxUnavailable: field(intOrString, 'Unavailable.'),
  })), 'Pacing.'),
}));
export const Deployment: ObjectSchema = object('test.Deployment', 'A deployment.', () => ({
  apiVersion: field(string, 'Version.'),
  kind: field(string, 'Kind.'),
  metadata: field(Meta, 'Metadata.'),
  spec: field(object('test.DeploymentSpec', 'Spec.', () => ({
    replicas: field(int32, 'Replicas.'),
    strategy: field(Strategy, 'Strategy.', { patchStrategy: 'retainKeys' }),
    template: field(object('test.PodTemplate', 'Template.', () => ({
      metadata: field(Meta, 'Metadata.'),
      spec: field(PodSpec, 'Spec.'),
    })), 'Template.'),
  })), 'Spec.'),
}));

export type Json = Record<string, unknown>;

export function deployment(): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web', tier: 'front' }, finalizers: ['a.example/x', 'b.example/y'] },
    spec: {
      replicas: 2,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'app', image: 'nginx:1.25', args: ['-g', 'daemon off;'],
              env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }],
              ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443, name: 'https' }],
            },
            { name: 'sidecar', image: 'busybox' },
          ],
          volumes: [{ name: 'scratch', emptyDir: {} }],
          tolerations: [{ key: 'dedicated', value: 'test', effect: 'NoSchedule' }],
          nodeSelector: { disk: 'ssd', zone: 'a' },
        },
      },
    },
  };
}

export function patch(p: Json, original: Json = deployment()): Json {
  return applyStrategicMergePatch(Deployment, original, p) as Json;
}

/** The pod spec of a patched deployment. */
export function podSpec(d: Json): Json {
  return ((d.spec as Json).template as Json).spec as Json;
}

export function containers(d: Json): Json[] {
  return podSpec(d).containers as Json[];
}

export const inPodSpec = (spec: Json): Json => ({ spec: { template: { spec } } });

export function rejects(p: Json, code: number, message: string | RegExp): void {
  assert.throws(() => patch(p), (e: unknown) => {
    assert.ok(isStatusError(e), `expected a StatusError, got ${String(e)}`);
    assert.equal(e.code, code);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

