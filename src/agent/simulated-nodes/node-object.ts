/**
 * The Node and Lease objects of simulated node number i: name, labels, addresses from a fake range
 * (10.200.x.y, never contacted), a pod CIDR, capacity, conditions with the kubelet's reasons and
 * messages, and node info. Pure functions: the keeper writes what these return.
 */
import type { NodeTemplate } from './config.js';
import type { LeaseObject, NodeCondition, NodeObject } from './types.js';

export const NODE_NAME_PREFIX = 'sim-node-';
export const SIMULATED_LABEL = 'type';
export const ZONES = ['zone-a', 'zone-b', 'zone-c'];
export const KUBELET_VERSION = 'v1.32.0';
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

export function nodeName(i: number): string {
  return `${NODE_NAME_PREFIX}${i}`;
}

/** The index in a simulated node's name, or undefined for other names. */
export function nodeIndex(name: string): number | undefined {
  if (!name.startsWith(NODE_NAME_PREFIX)) return undefined;
  const n = Number(name.slice(NODE_NAME_PREFIX.length));
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** 10.200.0.1, 10.200.0.2, … 10.200.0.250, 10.200.1.1, …: fake, never contacted. */
export function nodeIP(i: number): string {
  return `10.200.${Math.floor(i / 250) % 256}.${(i % 250) + 1}`;
}

/**
 * A /24 per node: 10.42.i.0/24 for the first 256 nodes (the default cluster CIDR 10.42.0.0/16);
 * beyond those the /16 is full, and nodes get 10.(64+⌊i/256⌋).(i mod 256).0/24 so that each still
 * has its own range (enough for 16,384 nodes).
 */
export function podCIDR(i: number): string {
  if (i < 256) return `10.42.${i}.0/24`;
  return `10.${64 + (Math.floor(i / 256) % 64)}.${i % 256}.0/24`;
}

export function now(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

/** MicroTime as Leases carry it: six fractional digits. */
export function microNow(): string {
  return new Date().toISOString().replace(/\.(\d+)Z$/, (_m, ms: string) => `.${ms.padEnd(6, '0')}Z`);
}

export function nodeConditions(at: string, transitions?: NodeCondition[]): NodeCondition[] {
  const since = (type: string): string => transitions?.find((c) => c.type === type)?.lastTransitionTime ?? at;
  const c = (type: string, status: NodeCondition['status'], reason: string, message: string): NodeCondition => ({
    type, status, lastHeartbeatTime: at, lastTransitionTime: since(type), reason, message,
  });
  return [
    c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}

export function buildNode(i: number, tpl: NodeTemplate): NodeObject {
  const name = nodeName(i);
  const at = now();
  const cidr = podCIDR(i);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'node.kubernetes.io/instance-type': 'simulated',
        'topology.kubernetes.io/zone': ZONES[i % ZONES.length],
        [SIMULATED_LABEL]: 'simulated',
        ...tpl.labels,
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
        ...tpl.annotations,
      },
    },
    spec: {
      podCIDR: cidr,
      podCIDRs: [cidr],
      providerID: `simulated://${name}`,
      ...(tpl.taints.length ? { taints: tpl.taints.map((t) => ({ ...t })) } : {}),
    },
    status: {
      capacity: { ...tpl.capacity },
      allocatable: { ...(tpl.allocatable ?? tpl.capacity) },
      conditions: nodeConditions(at),
      addresses: [{ type: 'InternalIP', address: nodeIP(i) }, { type: 'Hostname', address: name }],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: hex32(name, 'machine'),
        systemUUID: hex32(name, 'system'),
        bootID: hex32(name, 'boot'),
        kernelVersion: '6.1.0-simulated',
        osImage: 'navarch simulated node',
        containerRuntimeVersion: 'simulated://1.0.0',
        kubeletVersion: KUBELET_VERSION,
        kubeProxyVersion: KUBELET_VERSION,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

export function buildLease(node: NodeObject, durationSeconds: number): LeaseObject {
  const at = microNow();
  const name = node.metadata.name ?? '';
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name,
      namespace: NODE_LEASE_NAMESPACE,
      ownerReferences: node.metadata.uid ? [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid }] : undefined,
    },
    spec: { holderIdentity: name, leaseDurationSeconds: durationSeconds, renewTime: at },
  };
}

/** A stable 32-hex-digit id derived from a name (FNV-1a, repeated), for machineID and friends. */
function hex32(name: string, salt: string): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < 32; round++) {
    for (const ch of `${salt}/${name}/${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 32);
}
