import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { fieldErrorString } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import { checkStructure } from '../../schema/structural.js';
import { events as coreEvents } from '../core/event/index.js';
import { eventsResources, eventsV1 } from './index.js';

const ctx = { serviceCIDRs: ['10.43.0.0/16'], nodePortRange: [30000, 32767] as [number, number] };

const V1_EVENT = `
apiVersion: events.k8s.io/v1
kind: Event
metadata: {name: web.1, namespace: default}
eventTime: "2024-03-01T11:00:00.000000Z"
series: {count: 2, lastObservedTime: "2024-03-01T11:30:00.000000Z"}
reportingController: navarch.io/scheduler
reportingInstance: navarch-server-1
action: Binding
reason: Scheduled
regarding: {kind: Pod, namespace: default, name: web, uid: u1}
related: {kind: Node, name: node-1}
note: Successfully assigned default/web to node-1
type: Normal
`;

test('events.k8s.io/v1 is stored as core/v1 Events and converts back unchanged', () => {
  assert.deepEqual(eventsResources, [eventsV1]);
  const ev = parse(V1_EVENT) as KObject;
  assert.deepEqual(checkStructure(eventsV1.schema, ev), { unknown: [], error: undefined });
  const storage = eventsV1.storage;
  assert.ok(storage);
  assert.deepEqual([storage.group, storage.version, storage.resource], ['', 'v1', 'events']);
  const core = storage.toStorage(structuredClone(ev));
  assert.deepEqual(core, {
    apiVersion: 'v1', kind: 'Event', metadata: ev.metadata,
    eventTime: '2024-03-01T11:00:00.000000Z', series: { count: 2, lastObservedTime: '2024-03-01T11:30:00.000000Z' },
    reportingComponent: 'navarch.io/scheduler', reportingInstance: 'navarch-server-1', action: 'Binding', reason: 'Scheduled',
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', uid: 'u1' }, related: { kind: 'Node', name: 'node-1' },
    message: 'Successfully assigned default/web to node-1', type: 'Normal',
  });
  assert.deepEqual(checkStructure(coreEvents.schema, structuredClone(core) as Record<string, unknown>).unknown, []);
  assert.deepEqual(storage.fromStorage(core), ev);
});

test('a legacy core event reads back with deprecated* fields', () => {
  const core = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'x', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'p' },
    source: { component: 'kubelet', host: 'node-1' }, firstTimestamp: '2024-01-01T00:00:00Z', lastTimestamp: '2024-01-01T00:01:00Z', count: 4, message: 'm' } as KObject;
  const v1 = eventsV1.storage?.fromStorage(core) as Record<string, unknown>;
  assert.deepEqual(v1.deprecatedSource, { component: 'kubelet', host: 'node-1' });
  assert.equal(v1.deprecatedCount, 4);
  assert.equal(v1.note, 'm');
  assert.deepEqual(v1.regarding, { kind: 'Pod', name: 'p' });
  assert.equal(eventsV1.selectableFields?.['regarding.name'](v1 as KObject), 'p');
  assert.equal(eventsV1.selectableFields?.source(v1 as KObject), 'kubelet');
});

test('writes through events.k8s.io/v1 get the strict checks', () => {
  const ok = parse(V1_EVENT) as KObject;
  assert.deepEqual(eventsV1.validateCreate?.(ok, ctx), []);
  const bad = parse(V1_EVENT) as KObject;
  Object.assign(bad, { type: 'Info', deprecatedCount: 3, series: { count: 1, lastObservedTime: '2024-03-01T11:30:00Z' } });
  delete bad.eventTime;
  delete bad.reportingController;
  assert.deepEqual((eventsV1.validateCreate?.(bad, ctx) ?? []).map(fieldErrorString), [
    'series.count: Invalid value: "": should be at least 2',
    'eventTime: Required value',
    'type: Invalid value: "": has invalid value: Info',
    'count: Invalid value: "": needs to be unset',
  ]);
  const changed = parse(V1_EVENT) as KObject;
  changed.note = 'other';
  changed.series = { count: 3, lastObservedTime: '2024-03-01T11:40:00.000000Z' };
  assert.deepEqual((eventsV1.validateUpdate?.(changed, ok, ctx) ?? []).map(fieldErrorString), ['message: Invalid value: "other": field is immutable']);
});
