import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/types/core/pod/index.js';
import type { DownwardAPIFile } from './sources.js';
import { downwardAPIPayload } from './downward-api.js';

const pod: Pod = {
  apiVersion: 'v1', kind: 'Pod',
  metadata: {
    name: 'web', namespace: 'shop', uid: 'u-1',
    labels: { app: 'web', 'app.kubernetes.io/name': 'shop', tier: 'front' },
    annotations: { note: 'say "hi"\nbye', emoji: 'ünï' },
  },
  spec: {
    containers: [
      { name: 'app', resources: { limits: { cpu: '250m', memory: '64Mi' }, requests: { cpu: '100m', memory: '32Mi' } } },
      { name: 'side' },
    ],
  },
};
const allocatable = { cpu: '2', memory: '8Gi', 'ephemeral-storage': '10Gi' };

/** The text of one downward API file, or the error its item fails with. */
function file(item: DownwardAPIFile): string {
  const { payload, errors } = downwardAPIPayload(pod, [{ path: 'f', ...item }], 0o644, undefined, () => allocatable);
  if (errors.length) throw new Error(errors.join('; '));
  return payload.get('f')!.data.toString();
}

describe('downward API', () => {
  it('writes metadata fields (the same values as env vars)', () => {
    const field = (fieldPath: string) => file({ fieldRef: { fieldPath } });
    assert.equal(field('metadata.name'), 'web');
    assert.equal(field('metadata.namespace'), 'shop');
    assert.equal(field('metadata.uid'), 'u-1');
    assert.equal(field("metadata.labels['tier']"), 'front');
    assert.equal(field("metadata.annotations['missing']"), '');
    assert.throws(() => field('spec.nodeName'), { message: 'unsupported fieldPath: spec.nodeName' });
  });

  it('writes resource values from pod-config: unset limits read as the node allocatable', () => {
    const v = (containerName: string, resource: string, divisor?: string) => file({ resourceFieldRef: { containerName, resource, divisor } });
    assert.equal(v('app', 'limits.cpu'), '1');
    assert.equal(v('app', 'limits.memory'), String(64 * 2 ** 20));
    assert.equal(v('app', 'requests.memory', '1Mi'), '32');
    assert.equal(v('side', 'limits.memory', '1Gi'), '8');
    assert.equal(v('side', 'limits.ephemeral-storage', '1Gi'), '10');
    assert.throws(() => v('nope', 'limits.cpu'), { message: 'container nope not found' });
  });

  it('builds the payload: labels as sorted lines (the kubelet sorts lines, not keys), modes, cleaned paths, errors collected', () => {
    const { payload, errors } = downwardAPIPayload(pod, [
      { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
      { path: './sub//name', fieldRef: { fieldPath: 'metadata.name' }, mode: 0o400 },
      { path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } },
      { path: 'bad', fieldRef: { fieldPath: 'status.podIP' } },
    ], 0o644, undefined, () => allocatable);
    assert.equal(payload.get('labels')!.data.toString(), 'app.kubernetes.io/name="shop"\napp="web"\ntier="front"');
    assert.equal(payload.get('labels')!.mode, 0o644);
    assert.equal(payload.get('sub/name')!.data.toString(), 'web');
    assert.equal(payload.get('sub/name')!.mode, 0o400);
    assert.equal(payload.get('annotations')!.data.toString(), 'emoji="ünï"\nnote="say \\"hi\\"\\nbye"');
    assert.deepEqual(errors, ['unsupported fieldPath: status.podIP']);
  });
});
