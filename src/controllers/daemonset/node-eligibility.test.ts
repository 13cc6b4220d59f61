import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeShouldRunDaemonPod } from './node-eligibility.js';
import type { DaemonPodSpec, DaemonSet, Node } from './types.js';

const dsWith = (spec: DaemonPodSpec): DaemonSet => ({ metadata: { name: 'd' }, spec: { template: { spec } } });
const node = (name: string, labels: Record<string, string> = {}, taints: Node['spec'] = {}): Node => ({ metadata: { name, labels }, spec: taints });

describe('nodeShouldRunDaemonPod', () => {
  it('runs on every node by default, even unschedulable, not-ready or pressured ones', () => {
    assert.deepEqual(nodeShouldRunDaemonPod(node('a'), dsWith({})), { shouldRun: true, shouldContinueRunning: true });
    const sick = node('b', {}, { unschedulable: true, taints: [
      { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' },
    ] });
    assert.equal(nodeShouldRunDaemonPod(sick, dsWith({})).shouldRun, true);
    const noNet = node('c', {}, { taints: [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }] });
    assert.equal(nodeShouldRunDaemonPod(noNet, dsWith({})).shouldRun, false);
    assert.equal(nodeShouldRunDaemonPod(noNet, dsWith({ hostNetwork: true })).shouldRun, true);
  });

  it('follows nodeSelector, required node affinity and template nodeName', () => {
    const ssd = node('a', { disk: 'ssd' });
    const hdd = node('b', { disk: 'hdd' });
    assert.equal(nodeShouldRunDaemonPod(ssd, dsWith({ nodeSelector: { disk: 'ssd' } })).shouldRun, true);
    assert.deepEqual(nodeShouldRunDaemonPod(hdd, dsWith({ nodeSelector: { disk: 'ssd' } })), { shouldRun: false, shouldContinueRunning: false });
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'NotIn', values: ['ssd'] }] }] } } };
    assert.equal(nodeShouldRunDaemonPod(ssd, dsWith({ affinity })).shouldRun, false);
    assert.equal(nodeShouldRunDaemonPod(hdd, dsWith({ affinity })).shouldRun, true);
    assert.equal(nodeShouldRunDaemonPod(hdd, dsWith({ nodeName: 'a' })).shouldRun, false);
  });

  it('keeps a running pod on a NoSchedule taint it does not tolerate, not on a NoExecute one', () => {
    const noSchedule = node('a', {}, { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] });
    assert.deepEqual(nodeShouldRunDaemonPod(noSchedule, dsWith({})), { shouldRun: false, shouldContinueRunning: true });
    const noExecute = node('b', {}, { taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] });
    assert.deepEqual(nodeShouldRunDaemonPod(noExecute, dsWith({})), { shouldRun: false, shouldContinueRunning: false });
    const tolerated = dsWith({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db' }] });
    assert.deepEqual(nodeShouldRunDaemonPod(noExecute, tolerated), { shouldRun: true, shouldContinueRunning: true });
  });
});
