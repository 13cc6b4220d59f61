/**
 * One pod as an EndpointSlice endpoint, as the EndpointSlice controller writes it: its addresses of
 * the slice's family; conditions serving (the pod is Ready), terminating (it has a deletion
 * timestamp) and ready (serving and not terminating — or always, with publishNotReadyAddresses);
 * its node, the node's zone, its hostname when its subdomain names the service, and a reference to
 * it. And the slice ports a pod serves: each service port whose target it has, with the number
 * resolved on that pod.
 */
import { findPort, isPodReady, isPodTerminating, podIPsOfFamily, shouldSetHostname } from '../endpoints/index.js';
import type { Node, Pod, Service } from '../endpoints/index.js';
import { LABEL_TOPOLOGY_ZONE, type AddressType, type SliceEndpoint, type SlicePort } from './types.js';

export function podToEndpoint(pod: Pod, node: Node | undefined, svc: Service, addressType: AddressType): SliceEndpoint {
  const serving = isPodReady(pod);
  const terminating = isPodTerminating(pod);
  const ready = svc.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const ep: SliceEndpoint = {
    addresses: podIPsOfFamily(pod, addressType),
    conditions: { ready, serving, terminating },
  };
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec?.hostname;
  ep.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  const zone = node?.metadata.labels?.[LABEL_TOPOLOGY_ZONE];
  if (zone) ep.zone = zone;
  return ep;
}

/** The service's ports this pod serves; none for a headless service without ports. */
export function endpointPorts(svc: Service, pod: Pod): SlicePort[] {
  const out: SlicePort[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const p: SlicePort = { name: sp.name ?? '', protocol: sp.protocol ?? 'TCP', port };
    if (sp.appProtocol) p.appProtocol = sp.appProtocol;
    out.push(p);
  }
  return out;
}
