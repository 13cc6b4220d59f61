/**
 * Cluster DNS served by the node agent (what CoreDNS with the kubernetes plugin is in k3s): the
 * cluster zone from informers over Services, EndpointSlices and Namespaces, PTRs for cluster IPs,
 * pod names in `pods insecure` mode, other names forwarded to the host's resolvers through a cache;
 * UDP and TCP. Also the node's DNS address on a dummy interface, the kube-dns Service manifest, a
 * small client and the benchmark.
 */
export { ClusterDns, type ClusterDnsOptions } from './cluster-dns.js';
export type { ListenAddress } from './dns-server.js';
export type { Upstream } from './forwarder.js';
export type { DnsStats } from './dns-handler.js';
export { ensureDnsAddress, removeDnsAddress, DNS_INTERFACE, type DnsAddressOptions } from './dns-address.js';
export { kubeDnsService, kubeDnsBootstrapObject, isNodeLocalDnsService } from './kube-dns-service.js';
export { parseResolvConfNameservers, upstreamsFromResolvConf, readResolvConf } from './resolv-conf.js';
export { DNS_SCHEMA_VERSION } from './zone-resolver.js';
export { askDns, type AskOptions, type DnsReply } from './dns-client.js';
export { runDnsBench, measureDnsQps, type DnsBenchResult, type MeasureOptions } from './dns-bench.js';
