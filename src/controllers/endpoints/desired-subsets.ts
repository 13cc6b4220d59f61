/**
 * The subsets the endpoints controller wants for a service: each selected pod that belongs in
 * endpoints (see shouldPodBeInEndpoints; terminating pods only with publishNotReadyAddresses) gives
 * its IP of the service's family, with its node, target reference and, when its subdomain names the
 * service, its hostname. It is filed as ready (ready pods, or every pod with publishNotReadyAddresses)
 * or not ready under each service port it has (named target ports resolved per pod; pods without
 * the port are left out of it); headless services without ports list bare addresses. Repacked.
 */
import { findPort } from './find-port.js';
import { isPodReady, podIPsOfFamily, shouldPodBeInEndpoints, shouldSetHostname } from './pod-conditions.js';
import { repackSubsets } from './repack-subsets.js';
import { serviceIPFamily } from './service-selection.js';
import type { EndpointAddress, EndpointPort, EndpointSubset, Pod, Service } from './types.js';

export function podAddress(pod: Pod, svc: Service, ip: string): EndpointAddress {
  const addr: EndpointAddress = { ip };
  if (shouldSetHostname(pod, svc)) addr.hostname = pod.spec?.hostname;
  if (pod.spec?.nodeName) addr.nodeName = pod.spec.nodeName;
  addr.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
  return addr;
}

export function desiredSubsets(svc: Service, pods: Pod[]): EndpointSubset[] {
  const tolerateUnready = svc.spec?.publishNotReadyAddresses === true;
  const family = serviceIPFamily(svc);
  const servicePorts = svc.spec?.ports ?? [];
  const raw: EndpointSubset[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, tolerateUnready)) continue;
    const ip = podIPsOfFamily(pod, family)[0];
    if (ip === undefined) continue;
    const addr = podAddress(pod, svc, ip);
    const ready = tolerateUnready || isPodReady(pod);
    const entry = (ports?: EndpointPort[]): EndpointSubset => {
      const ss: EndpointSubset = ready ? { addresses: [addr] } : { notReadyAddresses: [addr] };
      if (ports) ss.ports = ports;
      return ss;
    };
    if (servicePorts.length === 0) {
      if (svc.spec?.clusterIP === 'None') raw.push(entry());
      continue;
    }
    for (const sp of servicePorts) {
      const num = findPort(pod, sp);
      if (num === undefined) continue;
      const protocol = sp.protocol ?? 'TCP';
      const port: EndpointPort = sp.name ? { name: sp.name, port: num, protocol } : { port: num, protocol };
      if (sp.appProtocol) port.appProtocol = sp.appProtocol;
      raw.push(entry([port]));
    }
  }
  return repackSubsets(raw);
}
