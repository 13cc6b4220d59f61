import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { fieldErrorString } from '../../../meta/field-errors.js';
import type { KObject } from '../../../meta/object-meta.js';
import { checkStructure } from '../../../schema/structural.js';
import { nodes } from './index.js';

const ctx = { serviceCIDRs: ['10.43.0.0/16'], nodePortRange: [30000, 32767] as [number, number] };
const NOW = new Date('2024-03-01T12:00:00Z');

const AGENT_NODE = `
apiVersion: v1
kind: Node
metadata:
  name: node-1
  creationTimestamp: "2024-03-01T10:00:00Z"
  labels:
    kubernetes.io/hostname: node-1
    node-role.kubernetes.io/control-plane: ""
    node-role.kubernetes.io/master: ""
spec:
  podCIDR: 10.42.0.0/24
  podCIDRs: [10.42.0.0/24]
  providerID: navarch://node-1
  taints:
  - {key: key1, value: value1, effect: NoSchedule}
status:
  capacity: {cpu: "4", memory: 8Gi, pods: "110", ephemeral-storage: 100Gi}
  conditions:
  - {type: Ready, status: "True", lastHeartbeatTime: "2024-03-01T11:59:00Z", lastTransitionTime: "2024-03-01T10:00:10Z", reason: KubeletReady, message: kubelet is posting ready status}
  - {type: MemoryPressure, status: "False", reason: KubeletHasSufficientMemory}
  addresses:
  - {type: InternalIP, address: 192.168.49.2}
  - {type: Hostname, address: node-1}
  daemonEndpoints: {kubeletEndpoint: {Port: 10250}}
  nodeInfo:
    machineID: m
    systemUUID: u
    bootID: b
    kernelVersion: 6.1.0-18-amd64
    osImage: Debian GNU/Linux 12 (bookworm)
    containerRuntimeVersion: runc://1.1.5
    kubeletVersion: v1.32.0-navarch
    kubeProxyVersion: v1.32.0-navarch
    operatingSystem: linux
    architecture: amd64
    swap: {capacity: 0}
  images:
  - names: [docker.io/library/busybox:latest]
    sizeBytes: 1000
  volumesInUse: [kubernetes.io/csi/x]
  volumesAttached: [{name: kubernetes.io/csi/x, devicePath: /dev/sdb}]
  runtimeHandlers:
  - name: ""
    features: {recursiveReadOnlyMounts: true, userNamespaces: false}
  features: {supplementalGroupsPolicy: true}
`;

test('a node as its agent registers it: declared fields only, allocatable defaulted, status kept', () => {
  const node = parse(AGENT_NODE) as KObject;
  assert.deepEqual(checkStructure(nodes.schema, node), { unknown: [], error: undefined });
  nodes.defaults?.(node);
  nodes.prepareForCreate?.(node);
  const status = node.status as { allocatable: Record<string, string>; capacity: Record<string, string> };
  assert.deepEqual(status.allocatable, status.capacity);
  assert.deepEqual(nodes.validate?.(node, ctx), []);
});

test('table: STATUS ROLES AGE VERSION and the wide columns', () => {
  const node = parse(AGENT_NODE) as KObject;
  assert.deepEqual(nodes.table?.cells(node, NOW), [
    'Ready', 'control-plane,master', '120m', 'v1.32.0-navarch', '192.168.49.2', '<none>',
    'Debian GNU/Linux 12 (bookworm)', '6.1.0-18-amd64', 'runc://1.1.5',
  ]);
  (node.spec as Record<string, unknown>).unschedulable = true;
  assert.equal(nodes.table?.cells(node, NOW)[0], 'Ready,SchedulingDisabled');
  assert.equal(nodes.selectableFields?.['spec.unschedulable'](node), 'true');
  (node.status as { conditions: Array<{ status: string }> }).conditions[0].status = 'Unknown';
  assert.equal(nodes.table?.cells(node, NOW)[0], 'NotReady,SchedulingDisabled');
  const bare = { metadata: { name: 'n' } } as KObject;
  assert.deepEqual(nodes.table?.cells(bare, NOW), ['Unknown', '<none>', '<unknown>', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
});

test('taints and pod CIDRs are validated with Kubernetes\' wording', () => {
  const node = { metadata: { name: 'n' }, spec: {
    taints: [{ key: 'k', effect: 'Sometimes' }, { key: 'dup', value: 'v', effect: 'NoSchedule' }, { key: 'dup', value: 'w', effect: 'NoSchedule' }],
    podCIDRs: ['10.42.0.0/24', '10.43.0.0/24'],
  } } as KObject;
  assert.deepEqual((nodes.validate?.(node, ctx) ?? []).map(fieldErrorString), [
    'metadata.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    'metadata.taints[2]: Duplicate value: core.Taint{Key:"dup", Value:"w", Effect:"NoSchedule", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair',
    'spec.podCIDRs: Invalid value: []string{"10.42.0.0/24", "10.43.0.0/24"}: may specify no more than one CIDR for each IP family',
  ]);
});

test('pod CIDR and provider ID may only be set once', () => {
  const old = parse(AGENT_NODE) as KObject;
  const next = parse(AGENT_NODE) as KObject;
  (next.spec as Record<string, unknown>).podCIDRs = ['10.42.1.0/24'];
  (next.spec as Record<string, unknown>).providerID = 'other://x';
  assert.deepEqual((nodes.validateUpdate?.(next, old, ctx) ?? []).map(fieldErrorString), [
    'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
    'spec.providerID: Forbidden: node updates may not change providerID except from "" to valid',
  ]);
  const fresh = { metadata: { name: 'node-1' }, spec: {} } as KObject;
  assert.deepEqual(nodes.validateUpdate?.(old, fresh, ctx), []);
});

test('the taint example from the notes is a valid node manifest', () => {
  const node = parse(`
apiVersion: v1
kind: Node
metadata:
  name: node-1
spec:
  taints:
    - key: key1
      value: value1
      effect: NoSchedule
`) as KObject;
  assert.deepEqual(checkStructure(nodes.schema, node).unknown, []);
  assert.deepEqual(nodes.validate?.(node, ctx), []);
});
