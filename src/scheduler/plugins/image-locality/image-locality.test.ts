import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeNode, makePod, makeSnapshot, preparedCycle } from '../../fixtures.js';
import { imageLocality } from './image-locality.js';

const MB = 1024 * 1024;

describe('ImageLocality', () => {
  const s = makeSnapshot([
    makeNode('n1', { images: [{ names: ['gcr.io/40:latest', 'gcr.io/40:v1'], sizeBytes: 40 * MB }, { names: ['gcr.io/300:latest'], sizeBytes: 300 * MB }] }),
    makeNode('n2', { images: [{ names: ['gcr.io/250:latest'], sizeBytes: 250 * MB }, { names: ['gcr.io/300:latest'], sizeBytes: 300 * MB }] }),
  ]);

  it('scores image size scaled by spread, between 23MB and 1000MB per container', () => {
    const pod = makePod('p', { image: 'gcr.io/40' });
    pod.spec!.containers!.push({ name: 'd', image: 'gcr.io/250' });
    const { c } = preparedCycle(pod, s, [imageLocality]);
    // n1: 40MB * 1/2 = 20MB → below the 23MB floor → 0
    // n2: 250MB * 1/2 = 125MB → 100 * (125 - 23) / (2000 - 23) = 5
    assert.deepEqual(s.nodes.map((n) => imageLocality.score(c, n)), [0, 5]);
  });

  it('matches images by name with ":latest" added when untagged', () => {
    const { c } = preparedCycle(makePod('p', { image: 'gcr.io/250' }), s, [imageLocality]);
    // n2: 125MB → 100 * (125 - 23) / (1000 - 23) = 10
    assert.deepEqual(s.nodes.map((n) => imageLocality.score(c, n)), [0, 10]);
  });

  it('discounts images every node has by nothing and gives them to both', () => {
    const { c } = preparedCycle(makePod('p', { image: 'gcr.io/300:latest' }), s, [imageLocality]);
    // 300MB * 2/2 → 100 * (300 - 23) / 977 = 28
    assert.deepEqual(s.nodes.map((n) => imageLocality.score(c, n)), [28, 28]);
  });
});
