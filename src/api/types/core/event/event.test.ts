import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { fieldErrorString } from '../../../meta/field-errors.js';
import type { KObject } from '../../../meta/object-meta.js';
import { checkStructure } from '../../../schema/structural.js';
import { events } from './index.js';

const ctx = { serviceCIDRs: ['10.43.0.0/16'], nodePortRange: [30000, 32767] as [number, number] };
const NOW = new Date('2024-03-01T12:00:00Z');

const KUBELET_EVENT = `
apiVersion: v1
kind: Event
metadata:
  name: web-7d9f.17b8a
  namespace: default
involvedObject:
  apiVersion: v1
  kind: Pod
  name: web-7d9f
  namespace: default
  uid: 1a2b
  resourceVersion: "123"
  fieldPath: spec.containers{web}
reason: Pulled
message: "Successfully pulled image \\"nginx\\" in 1.2s  "
source: {component: kubelet, host: node-1}
firstTimestamp: "2024-03-01T11:50:00Z"
lastTimestamp: "2024-03-01T11:58:00Z"
count: 3
type: Normal
reportingComponent: kubelet
reportingInstance: node-1
`;

test('a kubelet event uses only declared fields and is valid', () => {
  const ev = parse(KUBELET_EVENT) as KObject;
  assert.deepEqual(checkStructure(events.schema, ev), { unknown: [], error: undefined });
  assert.deepEqual(events.validate?.(ev, ctx), []);
});

test('the table has LAST SEEN TYPE REASON OBJECT MESSAGE and the wide columns', () => {
  const ev = parse(KUBELET_EVENT) as KObject;
  assert.deepEqual(events.table?.cells(ev, NOW), [
    '2m', 'Normal', 'Pulled', 'pod/web-7d9f', 'spec.containers{web}', 'kubelet, node-1',
    'Successfully pulled image "nginx" in 1.2s', '10m', 3, 'web-7d9f.17b8a',
  ]);
  assert.deepEqual(events.table?.columns.filter((c) => c.priority === 0).map((c) => c.name), ['Last Seen', 'Type', 'Reason', 'Object', 'Message']);
  const series = { metadata: { name: 'e' }, involvedObject: { kind: 'Node' }, eventTime: '2024-03-01T11:00:00.000000Z',
    series: { count: 7, lastObservedTime: '2024-03-01T11:59:30.000000Z' }, reportingComponent: 'navarch-scheduler' } as KObject;
  assert.deepEqual(events.table?.cells(series, NOW).slice(0, 9), ['30s', '', '', 'node', '', 'navarch-scheduler', '', '60m', 7]);
});

test('field selectors read involvedObject, reason, source and type', () => {
  const ev = parse(KUBELET_EVENT) as KObject;
  const f = events.selectableFields ?? {};
  assert.equal(f['involvedObject.kind'](ev), 'Pod');
  assert.equal(f['involvedObject.name'](ev), 'web-7d9f');
  assert.equal(f['involvedObject.fieldPath'](ev), 'spec.containers{web}');
  assert.equal(f.source(ev), 'kubelet');
  assert.equal(f.reportingComponent(ev), 'kubelet');
  assert.equal(f.type(ev), 'Normal');
});

test('the involved object must be in the event\'s namespace; new-style events need their reporter', () => {
  const ev = parse(KUBELET_EVENT) as KObject;
  ev.metadata.namespace = 'other';
  assert.deepEqual((events.validate?.(ev, ctx) ?? []).map(fieldErrorString), ['involvedObject.namespace: Invalid value: "default": does not match event.namespace']);
  const modern = { metadata: { name: 'e', namespace: 'default' }, involvedObject: { kind: 'Pod', namespace: 'default' }, eventTime: '2024-03-01T11:00:00.000000Z' } as KObject;
  assert.deepEqual((events.validate?.(modern, ctx) ?? []).map(fieldErrorString), [
    'reportingController: Required value',
    'reportingController: Invalid value: "": name part must be non-empty',
    'reportingInstance: Required value',
    'action: Required value',
    'reason: Required value',
  ]);
});
