import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Pod } from '../../api/types/core/pod/index.js';
import { containerResourceValueByName, resourceFieldValue, withAllocatableLimits } from './resource-field-ref.js';

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

describe('downward API volume resourceFieldRef values', () => {
  const v = (containerName: string | undefined, resource: string, divisor?: string | number) =>
    containerResourceValueByName({ containerName, resource, divisor }, pod, allocatable);

  it('reads the named container with its unset limits as allocatable, rounding up', () => {
    assert.equal(v('app', 'limits.cpu'), '1');
    assert.equal(v('app', 'limits.cpu', '1m'), '500');
    assert.equal(v('app', 'requests.cpu', '1m'), '250');
    assert.equal(v('app', 'limits.memory', '1Mi'), '128');
    assert.equal(v('app', 'requests.memory', '1M'), '68');
    assert.equal(v('app', 'requests.hugepages-2Mi', '1Mi'), '4');
    assert.equal(v('side', 'limits.cpu'), '2');
    assert.equal(v('side', 'limits.memory', '1Gi'), '4');
    assert.equal(v('side', 'limits.ephemeral-storage', '1Gi'), '20');
    assert.equal(v('side', 'requests.memory'), '0');
    assert.equal(v('side', 'requests.cpu', 0), '1');
  });

  it('defaults an init container\'s unset limits too (the env var path does not)', () => {
    assert.equal(v('init', 'limits.cpu'), '2');
    assert.equal(v('init', 'limits.memory', '1Gi'), '4');
  });

  it('fails for unknown containers and resources with the kubelet\'s words', () => {
    assert.throws(() => v('nope', 'limits.cpu'), { message: 'container nope not found' });
    assert.throws(() => v(undefined, 'limits.cpu'), { message: 'container  not found' });
    assert.throws(() => v('app', 'limits.gpu'), { message: 'unsupported container resource : limits.gpu' });
  });
});
