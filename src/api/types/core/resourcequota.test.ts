import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { fieldErrorString } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import { checkStructure } from '../../schema/structural.js';
import { resourcequotas } from './resourcequota.js';

const ctx = { serviceCIDRs: ['10.43.0.0/16'], nodePortRange: [30000, 32767] as [number, number] };

function quota(spec: Record<string, unknown>, status?: Record<string, unknown>): KObject {
  return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'default' }, spec, ...(status ? { status } : {}) };
}
const errs = (o: KObject): string[] => (resourcequotas.validate?.(o, ctx) ?? []).map(fieldErrorString);

test('quotas from the notes and with every field are accepted', () => {
  const notes = parse(`
apiVersion: v1
kind: ResourceQuota
metadata:
  name: my-namespace-quota
spec:
  hard:
    cpu: "2"
    memory: 2Gi
`) as KObject;
  assert.deepEqual(checkStructure(resourcequotas.schema, notes), { unknown: [], error: undefined });
  assert.deepEqual(errs(notes), []);
  const full = parse(`
apiVersion: v1
kind: ResourceQuota
metadata: {name: full, namespace: dev}
spec:
  hard: {pods: "10", requests.cpu: "1", limits.memory: 2Gi, count/deployments.apps: "5", requests.nvidia.com/gpu: "1"}
  scopeSelector:
    matchExpressions:
    - {scopeName: PriorityClass, operator: In, values: [high]}
status:
  hard: {pods: "10"}
  used: {pods: "3"}
`) as KObject;
  assert.deepEqual(checkStructure(resourcequotas.schema, full), { unknown: [], error: undefined });
  assert.deepEqual(errs(full), []);
});

test('validation messages', () => {
  assert.deepEqual(errs(quota({ hard: { pods: '1.5', cpus: '1', memory: '-1' } })), [
    'spec.hard[pods]: Invalid value: 1500m: must be an integer',
    'spec.hard[cpus]: Invalid value: "cpus": must be a standard resource type or fully qualified',
    'spec.hard[cpus]: Invalid value: "cpus": must be a standard resource for quota',
    'spec.hard[memory]: Invalid value: "-1": must be greater than or equal to 0',
  ]);
  assert.deepEqual(errs(quota({ hard: { pods: '1' }, scopes: ['BestEffort', 'NotBestEffort'] })), [
    'spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort", "NotBestEffort"}: conflicting scopes',
  ]);
  assert.deepEqual(errs(quota({ hard: { 'requests.storage': '1Gi' }, scopes: ['BestEffort'] })), [
    'spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort"}: unsupported scope applied to resource',
  ]);
  const changed = quota({ hard: { pods: '1' }, scopes: ['Terminating'] });
  assert.deepEqual((resourcequotas.validateUpdate?.(changed, quota({ hard: { pods: '1' } }), ctx) ?? []).map(fieldErrorString), [
    'spec.scopes: Invalid value: []core.ResourceQuotaScope{"Terminating"}: field is immutable',
  ]);
});

test('quantities are stored rounded to milli-units in canonical form', () => {
  const q = quota({ hard: { 'requests.cpu': '1000m', memory: '1.5Gi', 'limits.cpu': '0.0001' } });
  resourcequotas.defaults?.(q);
  assert.deepEqual((q.spec as { hard: unknown }).hard, { 'requests.cpu': '1', memory: '1536Mi', 'limits.cpu': '1m' });
});

test('REQUEST and LIMIT columns pair used with hard, limits.* in LIMIT', () => {
  const q = quota({}, { hard: { 'requests.cpu': '1', pods: '10', 'limits.memory': '2Gi', 'limits.cpu': '2' }, used: { 'requests.cpu': '500m', pods: '3', 'limits.cpu': '1' } });
  q.metadata.creationTimestamp = '2024-03-01T11:59:50Z';
  assert.deepEqual(resourcequotas.table?.cells(q, new Date('2024-03-01T12:00:00Z')), [
    '10s', 'pods: 3/10, requests.cpu: 500m/1', 'limits.cpu: 1/2, limits.memory: 0/2Gi',
  ]);
  assert.deepEqual(resourcequotas.shortNames, ['quota']);
});
