/**
 * The Node object of a real node: labels the kubelet sets (arch, os, hostname, and k3s' roles for a
 * server's own node), the pod CIDR (kept once set; otherwise the lowest free /24 of the cluster
 * CIDR), addresses, capacity and allocatable, node info, conditions and the images on the node.
 */
import { KUBELET_VERSION } from '../simulated-nodes/index.js';
import type { NodeObject } from '../simulated-nodes/index.js';
import { resources, type HostFacts } from './host-facts.js';

export interface NodeImage { names: string[]; sizeBytes: number }

export interface NodeSpecInput {
  name: string;
  facts: HostFacts;
  podCIDR: string;
  runtimeVersion: string;
  /** The server's own node (navarch up): labelled control-plane like k3s' server nodes. */
  controlPlane?: boolean;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  taints?: Array<{ key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }>;
  /** The port the kubelet API listens on (status.daemonEndpoints); default 10250. */
  kubeletPort?: number;
}

export function nodeLabels(input: NodeSpecInput): Record<string, string> {
  return {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': input.name,
    'kubernetes.io/os': 'linux',
    ...(input.controlPlane ? { 'node-role.kubernetes.io/control-plane': 'true', 'node-role.kubernetes.io/master': 'true' } : {}),
    ...input.labels,
  };
}

export function nodeInfo(input: NodeSpecInput): Record<string, string> {
  const f = input.facts;
  return {
    machineID: f.machineID,
    systemUUID: f.machineID,
    bootID: f.bootID,
    kernelVersion: f.kernelVersion,
    osImage: f.osImage,
    containerRuntimeVersion: input.runtimeVersion,
    kubeletVersion: KUBELET_VERSION,
    kubeProxyVersion: KUBELET_VERSION,
    operatingSystem: 'linux',
    architecture: 'amd64',
  };
}

export function nodeStatus(input: NodeSpecInput, conditions: NonNullable<NodeObject['status']>['conditions'], images: NodeImage[]) {
  const { capacity, allocatable } = resources(input.facts);
  return {
    capacity,
    allocatable,
    conditions,
    addresses: [{ type: 'InternalIP', address: input.facts.internalIP }, { type: 'Hostname', address: input.name }],
    daemonEndpoints: { kubeletEndpoint: { Port: input.kubeletPort ?? 10250 } },
    nodeInfo: nodeInfo(input),
    images,
  };
}

export function buildRealNode(input: NodeSpecInput, conditions: NonNullable<NodeObject['status']>['conditions'], images: NodeImage[]): NodeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: input.name,
      labels: nodeLabels(input),
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true', ...input.annotations,
      },
    },
    spec: {
      podCIDR: input.podCIDR,
      podCIDRs: [input.podCIDR],
      ...(input.taints?.length ? { taints: input.taints } : {}),
    },
    status: nodeStatus(input, conditions, images),
  };
}

/** The lowest /24 of a /16 cluster CIDR that no node uses. */
export function freePodCIDR(clusterCIDR: string, used: Iterable<string>): string {
  const m = /^(\d+)\.(\d+)\.0\.0\/16$/.exec(clusterCIDR);
  if (!m) throw new Error(`Cannot allocate a pod CIDR: cluster CIDR ${clusterCIDR} is not a /16`);
  const taken = new Set(used);
  for (let i = 0; i < 256; i++) {
    const cidr = `${m[1]}.${m[2]}.${i}.0/24`;
    if (!taken.has(cidr)) return cidr;
  }
  throw new Error(`Cannot allocate a pod CIDR: every /24 of ${clusterCIDR} is in use`);
}
