/**
 * What network policy needs to know about a pod: its IPv4 addresses, whether it takes part in
 * policy at all (pods on the host network, pods without an address and pods that have finished
 * and given their address back do not), and the number a named container port stands for.
 */
import type { Pod } from '../../api/types/core/pod/index.js';
import { formatIPv4, parseIPv4 } from './ipv4.js';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** The pod's IPv4 addresses from status.podIPs (or status.podIP), without duplicates. */
export function podIPv4s(pod: Pod): string[] {
  const listed = (pod.status?.podIPs ?? []).map((p) => p.ip ?? '');
  const all = listed.length > 0 ? listed : [pod.status?.podIP ?? ''];
  const out: string[] = [];
  for (const ip of all) {
    const n = parseIPv4(ip);
    if (n === undefined) continue;
    const text = formatIPv4(n);
    if (!out.includes(text)) out.push(text);
  }
  return out;
}

/** Whether the pod has its own network identity that policies select and peers match. */
export function takesPartInPolicy(pod: Pod): boolean {
  if (pod.spec?.hostNetwork) return false;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  return podIPv4s(pod).length > 0;
}

/**
 * The container port named `name` with protocol `protocol` (containers and init containers, whose
 * sidecars may serve), or undefined when the pod has none.
 */
export function resolveNamedPort(pod: Pod, name: string, protocol: Protocol): number | undefined {
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    for (const p of c.ports ?? []) {
      if (p.name === name && (p.protocol ?? 'TCP') === protocol && p.containerPort !== undefined) return p.containerPort;
    }
  }
  return undefined;
}
