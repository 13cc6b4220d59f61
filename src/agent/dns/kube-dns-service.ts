/**
 * The kube-system/kube-dns Service, as k3s ships it for CoreDNS: cluster IP = the cluster DNS
 * address, ports 53/UDP "dns", 53/TCP "dns-tcp" and 9153/TCP "metrics". It has no selector: the
 * node agents serve that address themselves (no pods behind it), so no EndpointSlices are made for
 * it and the service proxy must leave its address to the local listener (isNodeLocalDnsService).
 */
import type { ServiceLike } from '../../api/types/core/service/index.js';

export function kubeDnsService(clusterDNS = '10.43.0.10'): ServiceLike {
  return {
    apiVersion: 'v1', kind: 'Service',
    metadata: {
      name: 'kube-dns', namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      type: 'ClusterIP', clusterIP: clusterDNS, clusterIPs: [clusterDNS],
      ipFamilies: [clusterDNS.includes(':') ? 'IPv6' : 'IPv4'], ipFamilyPolicy: 'SingleStack',
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
    },
  };
}

/** The same as the server's bootstrap takes extra objects. */
export function kubeDnsBootstrapObject(clusterDNS = '10.43.0.10'): { group: string; version: string; resource: string; obj: ServiceLike } {
  return { group: '', version: 'v1', resource: 'services', obj: kubeDnsService(clusterDNS) };
}

/** Whether a Service is the one node agents serve locally. */
export function isNodeLocalDnsService(svc: ServiceLike): boolean {
  return svc.metadata.namespace === 'kube-system' && svc.metadata.name === 'kube-dns';
}
