import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/types/core/pod/index.js';
import { memoryVolumeSize, podMemoryLimit } from './memory-size.js';

const Mi = 2 ** 20;
const pod = (limits: Array<string | undefined>, init: Array<string | undefined> = []): Pod => ({
  metadata: { name: 'p' },
  spec: {
    containers: limits.map((l, i) => ({ name: `c${i}`, resources: l ? { limits: { memory: l } } : {} })),
    initContainers: init.map((l, i) => ({ name: `i${i}`, resources: l ? { limits: { memory: l } } : {} })),
  },
});

describe('memory-backed volume size', () => {
  it('the pod limit only when every container has one', () => {
    assert.equal(podMemoryLimit(pod(['64Mi', '32Mi'])), 96 * Mi);
    assert.equal(podMemoryLimit(pod(['64Mi', undefined])), undefined);
    assert.equal(podMemoryLimit(pod(['64Mi'], ['256Mi'])), 256 * Mi);
  });

  it('node allocatable, lowered by the pod limit, lowered by sizeLimit', () => {
    const node = 1024 * Mi;
    assert.equal(memoryVolumeSize(pod([undefined]), node), node);
    assert.equal(memoryVolumeSize(pod(['128Mi']), node), 128 * Mi);
    assert.equal(memoryVolumeSize(pod(['128Mi']), node, '16Mi'), 16 * Mi);
    assert.equal(memoryVolumeSize(pod(['128Mi']), node, '1Gi'), 128 * Mi);
  });
});
