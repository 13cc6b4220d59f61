/**
 * What the endpoints controllers read from a pod: readiness, whether it belongs in endpoints at all
 * (not terminal, has an IP, and not terminating unless terminating pods are wanted), its IPs of one
 * family, and whether its hostname is published for a service.
 */
import type { Pod, Service } from './types.js';

export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Succeeded or Failed: the pod will not run again. */
export function isPodTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

export function isPodTerminating(pod: Pod): boolean {
  return Boolean(pod.metadata.deletionTimestamp);
}

/** status.podIPs, or status.podIP alone when the list is missing. */
export function podIPs(pod: Pod): string[] {
  const ips = (pod.status?.podIPs ?? []).map((p) => p.ip ?? '').filter((ip) => ip !== '');
  if (ips.length === 0 && pod.status?.podIP) return [pod.status.podIP];
  return ips;
}

export function isIPv6(ip: string): boolean {
  return ip.includes(':');
}

/** The pod's addresses of one family, in the pod's order. */
export function podIPsOfFamily(pod: Pod, family: 'IPv4' | 'IPv6'): string[] {
  return podIPs(pod).filter((ip) => isIPv6(ip) === (family === 'IPv6'));
}

/** Whether the pod gets an address in a service's endpoints at all. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (podIPs(pod).length === 0) return false;
  if (!includeTerminating && isPodTerminating(pod)) return false;
  return true;
}

/** A pod publishes its hostname for the service its subdomain names (in the same namespace). */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return Boolean(pod.spec?.hostname) && pod.spec?.subdomain === svc.metadata.name
    && (pod.metadata.namespace ?? '') === (svc.metadata.namespace ?? '');
}
