import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Pod } from '../../api/types/core/pod/index.js';
import { podLimits, podRequests } from './pod-resources.js';
import { formatResourceList } from './resource-list.js';

const c = (name: string, requests?: Record<string, string>, limits?: Record<string, string>, restartPolicy?: string): Container => ({
  name, resources: { requests, limits }, ...(restartPolicy ? { restartPolicy } : {}),
});

describe('pod requests and limits', () => {
  it('sums containers and adds the overhead unless left out', () => {
    const pod: Pod = {
      metadata: { name: 'p' },
      spec: { containers: [c('a', { cpu: '500m', memory: '512Mi' }, { cpu: '1' }), c('b', { cpu: '250m', memory: '512Mi' })], overhead: { cpu: '100m', memory: '10Mi' } },
    };
    assert.deepEqual(formatResourceList(podRequests(pod)), { cpu: '850m', memory: '1034Mi' });
    assert.deepEqual(formatResourceList(podRequests(pod, { excludeOverhead: true })), { cpu: '750m', memory: '1Gi' });
    // Overhead only raises limits that are set.
    assert.deepEqual(formatResourceList(podLimits(pod)), { cpu: '1100m' });
  });

  it('takes the largest init container, with the sidecars started before it', () => {
    const pod: Pod = {
      metadata: { name: 'p' },
      spec: {
        initContainers: [c('init1', { cpu: '2' }), c('sidecar', { cpu: '500m' }, undefined, 'Always'), c('init2', { cpu: '1' })],
        containers: [c('main', { cpu: '1' })],
      },
    };
    // Main and sidecar run together (1.5); init1 alone (2); init2 with the sidecar (1.5).
    assert.deepEqual(formatResourceList(podRequests(pod)), { cpu: '2' });
    pod.spec!.initContainers![0].resources = { requests: { cpu: '1' } };
    assert.deepEqual(formatResourceList(podRequests(pod)), { cpu: '1500m' });
  });

  it('lets pod-level cpu and memory replace the aggregate', () => {
    const pod: Pod = {
      metadata: { name: 'p' },
      spec: { resources: { requests: { cpu: '3', 'hugepages-2Mi': '2Mi' } }, containers: [c('a', { cpu: '1', memory: '1Gi' })] },
    };
    assert.deepEqual(formatResourceList(podRequests(pod)), { cpu: '3', memory: '1Gi' });
  });
});
