/**
 * The container port a service port reaches on one pod: a numeric targetPort as it is; a named one
 * from the pod's containers (and restartable init containers, i.e. sidecars) with that port name and
 * the service port's protocol. Undefined when the pod has no such port.
 */
import type { Pod, ServicePort } from './types.js';

export function findPort(pod: Pod, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  const protocol = port.protocol ?? 'TCP';
  const spec = pod.spec ?? {};
  const candidates = [
    ...(spec.containers ?? []),
    ...(spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'),
  ];
  for (const c of candidates) {
    for (const p of c.ports ?? []) {
      if (p.name === target && (p.protocol ?? 'TCP') === protocol && p.containerPort !== undefined) return p.containerPort;
    }
  }
  return undefined;
}
