import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchPodFailurePolicy } from './pod-failure-policy.js';
import type { Pod, PodFailurePolicy } from './types.js';

function failed(o: { codes?: Record<string, number>; init?: Record<string, number>; conditions?: Array<[string, string]> }): Pod {
  const cs = (m: Record<string, number> = {}) => Object.entries(m).map(([name, exitCode]) => ({ name, state: { terminated: { exitCode } } }));
  return {
    metadata: { name: 'p', namespace: 'ns' },
    status: {
      phase: 'Failed', containerStatuses: cs(o.codes), initContainerStatuses: cs(o.init),
      conditions: (o.conditions ?? []).map(([type, status]) => ({ type, status })),
    },
  };
}

const policy: PodFailurePolicy = {
  rules: [
    { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
    { action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } },
    { action: 'FailIndex', onExitCodes: { operator: 'In', values: [7] } },
    { action: 'Count', onExitCodes: { operator: 'NotIn', values: [1, 2] } },
    { action: 'FailJob', onPodConditions: [{ type: 'ConfigIssue', status: 'True' }] },
  ],
};

describe('matchPodFailurePolicy', () => {
  it('without a policy every failure counts', () => {
    assert.deepEqual(matchPodFailurePolicy(undefined, failed({ codes: { main: 1 } })), { countFailed: true });
  });
  it('takes the first matching rule', () => {
    assert.deepEqual(matchPodFailurePolicy(policy, failed({ codes: { main: 42 }, conditions: [['DisruptionTarget', 'True']] })), { countFailed: false, action: 'Ignore' });
    assert.deepEqual(matchPodFailurePolicy(policy, failed({ codes: { main: 42 } })), {
      countFailed: true, action: 'FailJob', failJobMessage: 'Container main for pod ns/p failed with exit code 42 matching FailJob rule at index 1',
    });
    assert.deepEqual(matchPodFailurePolicy(policy, failed({ codes: { side: 7 } })), { countFailed: true, action: 'FailIndex' });
    assert.deepEqual(matchPodFailurePolicy(policy, failed({ codes: { side: 3 } })), { countFailed: true, action: 'Count' });
  });
  it('exit codes: other container names, zero codes and NotIn lists do not match; init containers are looked at after', () => {
    assert.deepEqual(matchPodFailurePolicy(policy, failed({ codes: { side: 42 } })).action, 'Count');
    assert.deepEqual(matchPodFailurePolicy(policy, failed({ codes: { main: 0 }, init: { main: 42 } })).action, 'FailJob');
    assert.deepEqual(matchPodFailurePolicy(policy, failed({ codes: { main: 2 } })), { countFailed: true });
  });
  it('pod conditions: the status must match (default True)', () => {
    assert.deepEqual(matchPodFailurePolicy(policy, failed({ codes: { main: 1 }, conditions: [['ConfigIssue', 'True']] })), {
      countFailed: true, action: 'FailJob', failJobMessage: 'Pod ns/p has condition ConfigIssue matching FailJob rule at index 4',
    });
    assert.deepEqual(matchPodFailurePolicy(policy, failed({ codes: { main: 1 }, conditions: [['DisruptionTarget', 'False']] })), { countFailed: true });
    assert.equal(matchPodFailurePolicy({ rules: [{ action: 'Ignore', onPodConditions: [{ type: 'X' }] }] }, failed({ conditions: [['X', 'True']] })).action, 'Ignore');
  });
});
