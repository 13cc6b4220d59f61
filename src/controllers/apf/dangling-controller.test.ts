/** The Dangling condition follows the priority level a FlowSchema names, read through kubectl. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '../../testing/index.js';
import { startControllerFixture, type ControllerFixture } from '../controller-fixture.js';
import type { KObject } from '../../api/index.js';
import { APF_FIELD_MANAGER, FLOW_SCHEMAS, FlowSchemaDanglingController, PRIORITY_LEVELS } from './index.js';

let f: ControllerFixture;
before(async () => {
  f = await startControllerFixture((cs, inf) => [new FlowSchemaDanglingController(cs, inf, { log: () => undefined }).controller]);
});
after(async () => { await f.stop(); });

const flowSchema = (name: string, pl: string): KObject => ({
  apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'FlowSchema', metadata: { name },
  spec: { priorityLevelConfiguration: { name: pl }, matchingPrecedence: 500, distinguisherMethod: { type: 'ByUser' },
    rules: [{ subjects: [{ kind: 'Group', group: { name: 'system:authenticated' } }], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }] }] },
});
const priorityLevel = (name: string): KObject => ({
  apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration', metadata: { name },
  spec: { type: 'Limited', limited: { nominalConcurrencyShares: 5, limitResponse: { type: 'Reject' } } },
});
const dangling = async (name: string): Promise<{ status: string; reason: string; message: string } | undefined> => {
  const fs = JSON.parse(await f.k('get', 'flowschema', name, '-o', 'json')) as { status?: { conditions?: Array<{ type: string; status: string; reason: string; message: string }> } };
  return fs.status?.conditions?.find((c) => c.type === 'Dangling');
};

describe('FlowSchemaDanglingController', () => {
  it('marks a FlowSchema whose priority level is missing, and clears it when the level appears and marks it again when it goes', async () => {
    await f.clientset.resource(FLOW_SCHEMAS).create(flowSchema('fs-a', 'pl-a'));
    await eventually(async () => (await dangling('fs-a'))?.status === 'True', 10_000, 'Dangling True');
    assert.deepEqual(await dangling('fs-a').then((c) => c && { reason: c.reason, message: c.message }), {
      reason: 'NotFound', message: 'This FlowSchema references the PriorityLevelConfiguration object named "pl-a" but there is no such object',
    });
    assert.match(await f.k('get', 'flowschema', 'fs-a'), /fs-a\s+pl-a\s+500\s+ByUser\s+\S+\s+True\n/);

    await f.clientset.resource(PRIORITY_LEVELS).create(priorityLevel('pl-a'));
    await eventually(async () => (await dangling('fs-a'))?.status === 'False', 10_000, 'Dangling False');
    assert.equal((await dangling('fs-a'))?.message, 'This FlowSchema references the PriorityLevelConfiguration object named "pl-a" and it exists');
    const managers = JSON.parse(await f.k('get', 'flowschema', 'fs-a', '-o', 'jsonpath={.metadata.managedFields}')) as Array<{ manager: string; operation: string; subresource?: string }>;
    assert.ok(managers.some((m) => m.manager === APF_FIELD_MANAGER && m.operation === 'Apply' && m.subresource === 'status'), JSON.stringify(managers));

    await f.k('delete', 'prioritylevelconfiguration', 'pl-a');
    await eventually(async () => (await dangling('fs-a'))?.status === 'True', 10_000, 'Dangling True again');
  });
});
