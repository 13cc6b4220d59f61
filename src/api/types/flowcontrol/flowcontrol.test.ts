import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { fieldErrorString } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import { checkStructure } from '../../schema/structural.js';
import { MANDATORY_FLOW_SCHEMAS, MANDATORY_PRIORITY_LEVELS } from './bootstrap.js';
import { flowschemas, type FlowSchemaLike } from './flow-schema.js';
import { prioritylevelconfigurations, type PriorityLevelConfigurationLike } from './priority-level.js';
import { FlowSchemaSchema, PriorityLevelConfigurationSchema } from './schema.js';

const CTX = { serviceCIDRs: [], nodePortRange: [30000, 32767] as [number, number] };
const fsErrors = (o: KObject): string[] => (flowschemas.validate?.(o, CTX) ?? []).map(fieldErrorString);
const plErrors = (o: KObject): string[] => (prioritylevelconfigurations.validate?.(o, CTX) ?? []).map(fieldErrorString);

test('the mandatory objects decode, are unchanged by defaulting, and validate', () => {
  for (const o of [...MANDATORY_FLOW_SCHEMAS, ...MANDATORY_PRIORITY_LEVELS]) {
    const schema = o.kind === 'FlowSchema' ? FlowSchemaSchema : PriorityLevelConfigurationSchema;
    const def = o.kind === 'FlowSchema' ? flowschemas : prioritylevelconfigurations;
    assert.deepEqual(checkStructure(schema, o as Record<string, unknown>), { unknown: [], error: undefined }, o.metadata.name);
    const copy = structuredClone(o);
    def.defaults?.(copy);
    assert.deepEqual(copy, o, `${o.kind} ${o.metadata.name ?? ''} is already defaulted`);
    assert.deepEqual(def.validate?.(copy, CTX), [], o.metadata.name);
  }
  const changed = structuredClone(MANDATORY_FLOW_SCHEMAS[0]) as FlowSchemaLike;
  changed.spec = { ...changed.spec, matchingPrecedence: 2 };
  assert.ok(fsErrors(changed).some((e) => e.endsWith("spec of 'exempt' must equal the fixed value")), fsErrors(changed).join('\n'));
});

test('a user priority level and flow schema default as in v1 and show their columns', () => {
  const [pl, fs] = `
apiVersion: flowcontrol.apiserver.k8s.io/v1
kind: PriorityLevelConfiguration
metadata: {name: my-pl}
spec:
  type: Limited
  limited:
    limitResponse:
      type: Queue
      queuing: {}
---
apiVersion: flowcontrol.apiserver.k8s.io/v1
kind: FlowSchema
metadata: {name: my-fs}
spec:
  priorityLevelConfiguration: {name: my-pl}
  distinguisherMethod: {type: ByUser}
  rules:
  - subjects: [{kind: Group, group: {name: "system:authenticated"}}]
    resourceRules: [{verbs: ["*"], apiGroups: ["*"], resources: ["*"], namespaces: ["*"]}]
`.split('---').map((d) => parse(d) as KObject);
  prioritylevelconfigurations.defaults?.(pl);
  flowschemas.defaults?.(fs);
  assert.deepEqual((pl as PriorityLevelConfigurationLike).spec?.limited, {
    nominalConcurrencyShares: 30, lendablePercent: 0, limitResponse: { type: 'Queue', queuing: { queues: 64, handSize: 8, queueLengthLimit: 50 } },
  });
  assert.deepEqual([plErrors(pl), fsErrors(fs)], [[], []]);
  pl.metadata.creationTimestamp = fs.metadata.creationTimestamp = '2024-01-01T00:00:00Z';
  const now = new Date('2024-01-01T00:00:03Z');
  assert.deepEqual(prioritylevelconfigurations.table?.cells(pl, now), ['Limited', 30, 64, 8, 50, '3s']);
  assert.deepEqual(flowschemas.table?.cells(fs, now), ['my-pl', 1000, 'ByUser', '3s', '?']);
  assert.deepEqual(prioritylevelconfigurations.table?.cells(MANDATORY_PRIORITY_LEVELS[0], now).slice(0, 5), ['Exempt', '<none>', '<none>', '<none>', '<none>']);
  assert.match(flowschemas.warnings?.(fs)[0] ?? '', /does not enforce API Priority and Fairness/);
});

test('Kubernetes\' messages', () => {
  const fs = { metadata: { name: 'x' }, spec: {
    matchingPrecedence: 1, distinguisherMethod: { type: 'ByGroup' },
    rules: [{ subjects: [{ kind: 'User' }], resourceRules: [{ verbs: ['get', '*'], apiGroups: [''], resources: ['pods'] }], nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['healthz'] }] }],
  } };
  assert.deepEqual(fsErrors(fs), [
    "spec.matchingPrecedence: Invalid value: 1: only the schema named 'exempt' may have matchingPrecedence 1",
    'spec.distinguisherMethod.type: Unsupported value: "ByGroup": supported values: "ByNamespace", "ByUser"',
    'spec.priorityLevelConfiguration.name: Required value: must reference a priority level',
    "spec.rules[0].subjects[0].user: Required value: user is required when subject kind is 'User'",
    "spec.rules[0].resourceRules[0].verbs: Invalid value: []string{\"get\", \"*\"}: if '*' is present, must not specify other verbs",
    'spec.rules[0].resourceRules[0].namespaces: Required value: resource rules that are not cluster scoped must supply at least one namespace',
    'spec.rules[0].nonResourceRules[0].nonResourceURLs[0]: Invalid value: "healthz": must start with slash',
  ]);
  const pl = { metadata: { name: 'exempt' }, spec: { type: 'Limited', limited: { nominalConcurrencyShares: -1, lendablePercent: 101,
    limitResponse: { type: 'Queue', queuing: { queues: 4, handSize: 8, queueLengthLimit: 0 } } } } };
  const errs = plErrors(pl);
  assert.deepEqual(errs.slice(0, 5), [
    "spec.type: Invalid value: \"Limited\": type must be 'Exempt' if and only if name is 'exempt'",
    'spec.limited.nominalConcurrencyShares: Invalid value: -1: must be a non-negative integer',
    'spec.limited.limitResponse.queuing.queueLengthLimit: Invalid value: 0: must be positive',
    'spec.limited.limitResponse.queuing.handSize: Invalid value: 8: should not be greater than queues (4)',
    'spec.limited.lendablePercent: Invalid value: 101: must be between 0 and 100, inclusive',
  ]);
});
