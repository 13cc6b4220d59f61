import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Pod } from '../../api/types/core/pod/index.js';
import { resourceFieldValue, withAllocatableLimits } from './resource-field-ref.js';

const app: Container = {
  name: 'app',
  resources: {
    requests: { cpu: '250m', memory: '64Mi', 'ephemeral-storage': '1Gi', 'hugepages-2Mi': '4Mi' },
    limits: { cpu: '500m', memory: '128Mi' },
  },
};
const side: Container = { name: 'side', resources: { requests: { cpu: '100m' } } };
const init: Container = { name: 'init', resources: { limits: { cpu: '2' } } };
const pod: Pod = { metadata: { name: 'p', namespace: 'd', uid: 'u' }, spec: { containers: [app, side], initContainers: [init] } };
const allocatable = { cpu: '2', memory: '4Gi', 'ephemeral-storage': '20Gi', pods: '110' };

describe('resourceFieldRef values', () => {
  const cases: Array<[string, string | number | undefined, string | undefined, string]> = [
    // resource, divisor, containerName, expected
    ['limits.cpu', undefined, undefined, '1'],
    ['limits.cpu', '1m', undefined, '500'],
    ['requests.cpu', '1m', undefined, '250'],
    ['requests.cpu', '1', undefined, '1'],
    ['requests.cpu', 0, undefined, '1'],
    ['limits.memory', undefined, undefined, '134217728'],
    ['limits.memory', '1Mi', undefined, '128'],
    ['requests.memory', '1Mi', undefined, '64'],
    ['requests.memory', '1M', undefined, '68'],
    ['requests.ephemeral-storage', '1Gi', undefined, '1'],
    ['limits.ephemeral-storage', '1Gi', undefined, '20'],
    ['requests.hugepages-2Mi', '1Mi', undefined, '4'],
    ['limits.hugepages-2Mi', undefined, undefined, '0'],
    // another container: its unset limits are the node's allocatable
    ['limits.cpu', '1m', 'side', '2000'],
    ['limits.memory', '1Gi', 'side', '4'],
    ['requests.memory', undefined, 'side', '0'],
    ['requests.cpu', '1m', 'side', '100'],
    // an init container is found but keeps its own (unset) limits
    ['limits.cpu', undefined, 'init', '2'],
    ['limits.memory', undefined, 'init', '0'],
  ];
  for (const [resource, divisor, containerName, want] of cases) {
    it(`${containerName ?? 'app'} ${resource} / ${divisor ?? '(none)'} = ${want}`, () => {
      const got = resourceFieldValue({ resource, divisor, containerName }, pod, app, allocatable);
      assert.equal(got, want);
    });
  }

  it('defaults the container\'s own unset limits to allocatable', () => {
    assert.equal(resourceFieldValue({ resource: 'limits.memory', divisor: '1Mi' }, pod, side, allocatable), '4096');
    assert.equal(resourceFieldValue({ resource: 'limits.cpu' }, pod, { name: 'bare' }, {}), '0');
  });

  it('treats zero limits as unset', () => {
    const c = withAllocatableLimits({ name: 'z', resources: { limits: { cpu: '0' } } }, allocatable);
    assert.deepEqual(c.resources?.limits, { cpu: '2', memory: '4Gi', 'ephemeral-storage': '20Gi' });
  });

  it('fails for unknown resources and containers with the kubelet\'s words', () => {
    assert.throws(() => resourceFieldValue({ resource: 'limits.gpu' }, pod, app, allocatable),
      { message: 'unsupported container resource : limits.gpu' });
    assert.throws(() => resourceFieldValue({ resource: 'limits.cpu', containerName: 'nope' }, pod, app, allocatable),
      { message: 'container nope not found' });
  });
});
