import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDaemonTolerations, daemonPodTemplate, isPodUpdated, newDaemonPod, pinToNode, targetNodeName } from './daemon-pods.js';
import type { DaemonPodSpec, DaemonSet } from './types.js';

const ds: DaemonSet = {
  metadata: { name: 'agent', namespace: 'kube-system', uid: 'u1', annotations: { 'deprecated.daemonset.template.generation': '3' } },
  spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'c' }], hostNetwork: true } } },
};

describe('daemon pods', () => {
  it('adds the daemon tolerations after the template\'s own, replacing equal ones', () => {
    const spec: DaemonPodSpec = { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }, { key: 'gpu', operator: 'Exists' }] };
    addDaemonTolerations(spec);
    assert.deepEqual(spec.tolerations?.map((t) => `${t.key}:${t.effect}`), [
      'node.kubernetes.io/unschedulable:NoSchedule', 'gpu:undefined', 'node.kubernetes.io/not-ready:NoExecute', 'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule', 'node.kubernetes.io/memory-pressure:NoSchedule', 'node.kubernetes.io/pid-pressure:NoSchedule',
    ]);
    assert.equal(spec.tolerations?.some((t) => t.tolerationSeconds !== undefined), false);
    const host: DaemonPodSpec = { hostNetwork: true };
    addDaemonTolerations(host);
    assert.equal(host.tolerations?.at(-1)?.key, 'node.kubernetes.io/network-unavailable');
  });

  it('pins a pod to its node by required node affinity, keeping preferred terms', () => {
    const a = pinToNode({ nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: {} }], requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'x', operator: 'Exists' }] }] } } }, 'n2');
    assert.deepEqual(a.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution, { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }] });
    assert.equal(a.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length, 1);
    assert.equal(targetNodeName({ metadata: {}, spec: { affinity: a } }), 'n2');
    assert.equal(targetNodeName({ metadata: {}, spec: { nodeName: 'n9', affinity: a } }), 'n9');
    assert.equal(targetNodeName({ metadata: {}, spec: {} }), undefined);
  });

  it('makes pods with generateName, owner, generation and hash labels', () => {
    const t = daemonPodTemplate(ds, 'h4sh');
    const pod = newDaemonPod(ds, t, 'n1');
    assert.equal(pod.metadata.generateName, 'agent-');
    assert.deepEqual(pod.metadata.labels, { app: 'agent', 'pod-template-generation': '3', 'controller-revision-hash': 'h4sh' });
    assert.deepEqual(pod.metadata.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: 'u1', controller: true, blockOwnerDeletion: true }]);
    assert.equal(targetNodeName(pod), 'n1');
    assert.equal(ds.spec?.template?.spec?.tolerations, undefined, 'the DaemonSet is not modified');
    assert.equal(isPodUpdated(pod, 'h4sh', undefined), true);
    assert.equal(isPodUpdated(pod, 'other', 3), true, 'by template generation');
    assert.equal(isPodUpdated(pod, 'other', 4), false);
  });
});
