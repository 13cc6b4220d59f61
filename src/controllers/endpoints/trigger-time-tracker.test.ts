import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatTriggerTime, TriggerTimeTracker } from './trigger-time-tracker.js';
import type { Pod, Service } from './types.js';

const svc: Service = { metadata: { name: 's', namespace: 'ns', creationTimestamp: '2024-01-01T00:00:00Z' } };
const pod = (name: string, readyAt?: string): Pod => ({
  metadata: { name, namespace: 'ns' },
  status: readyAt ? { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: readyAt }] } : {},
});

describe('TriggerTimeTracker', () => {
  it('reports the service creation first, then the earliest changed pod transition, then nothing', () => {
    const t = new TriggerTimeTracker();
    const first = t.compute('ns/s', svc, [pod('a', '2024-01-01T00:01:00Z')]);
    assert.equal(first, Date.parse('2024-01-01T00:00:00Z'));
    assert.equal(t.compute('ns/s', svc, [pod('a', '2024-01-01T00:01:00Z')]), undefined);
    const changed = t.compute('ns/s', svc, [pod('a', '2024-01-01T00:05:00Z'), pod('b', '2024-01-01T00:03:00Z'), pod('c')]);
    assert.equal(changed, Date.parse('2024-01-01T00:03:00Z'));
    assert.equal(t.compute('ns/s', svc, [pod('a', '2024-01-01T00:05:00Z'), pod('b', '2024-01-01T00:03:00Z')]), undefined);
    t.delete('ns/s');
    assert.equal(t.compute('ns/s', svc, []), Date.parse('2024-01-01T00:00:00Z'));
  });

  it('formats as Go RFC3339Nano in UTC', () => {
    assert.equal(formatTriggerTime(Date.parse('2024-01-01T00:00:00Z')), '2024-01-01T00:00:00Z');
    assert.equal(formatTriggerTime(Date.parse('2024-01-01T00:00:00.120Z')), '2024-01-01T00:00:00.12Z');
  });
});
