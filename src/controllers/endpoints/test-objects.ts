/**
 * For this folder's tests: writing pods with the status a kubelet would report, and services, over
 * a Clientset. Not exported.
 */
import type { Clientset, ResourceClient } from '../../client/index.js';
import { rfc3339 } from '../runtime/index.js';
import { PODS, SERVICES, type Pod, type Service } from './types.js';

export interface TestPod {
  name: string;
  labels?: Record<string, string>;
  ip?: string;
  ready?: boolean;
  node?: string;
  ports?: Array<{ name?: string; containerPort: number; protocol?: string }>;
  hostname?: string;
  subdomain?: string;
  finalizers?: string[];
  readyAt?: Date;
}

export function podsIn(cs: Clientset, ns: string): ResourceClient<Pod> {
  return cs.resource<Pod>(PODS).namespace(ns);
}

export function servicesIn(cs: Clientset, ns: string): ResourceClient<Service> {
  return cs.resource<Service>(SERVICES).namespace(ns);
}

/** Creates a pod and, when it has an IP, reports it Running with that IP and its readiness. */
export async function makePod(cs: Clientset, ns: string, p: TestPod): Promise<Pod> {
  const pods = podsIn(cs, ns);
  const created = await pods.create({
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: p.name, labels: p.labels ?? { app: 'web' }, finalizers: p.finalizers },
    spec: {
      nodeName: p.node, hostname: p.hostname, subdomain: p.subdomain,
      containers: [{ name: 'c', image: 'busybox', ports: p.ports }],
    },
  });
  if (!p.ip) return created;
  return setPodStatus(cs, ns, p.name, p.ip, p.ready ?? true, p.readyAt);
}

export async function setPodStatus(cs: Clientset, ns: string, name: string, ip: string, ready: boolean, at = new Date()): Promise<Pod> {
  return podsIn(cs, ns).patch(name, 'merge', {
    status: {
      phase: 'Running', podIP: ip, podIPs: [{ ip }],
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: rfc3339(at) }],
    },
  }, { subresource: 'status' });
}

export async function makeService(cs: Clientset, ns: string, name: string, spec: NonNullable<Service['spec']>, labels?: Record<string, string>): Promise<Service> {
  return servicesIn(cs, ns).create({ apiVersion: 'v1', kind: 'Service', metadata: { name, labels }, spec });
}

/** Removes a pod's finalizers (letting a terminating pod go). */
export async function releasePod(cs: Clientset, ns: string, name: string): Promise<void> {
  await podsIn(cs, ns).patch(name, 'merge', { metadata: { finalizers: null } }).catch(() => undefined);
}
