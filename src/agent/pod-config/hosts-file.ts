/**
 * The /etc/hosts the kubelet mounts into a pod's containers: a managed file with the localhost
 * lines and the pod's IPs under its host name (and FQDN when it has a subdomain), or for
 * host-network pods the node's own hosts file under a header; spec.hostAliases are appended to
 * either under `# Entries added by HostAliases.`.
 */
import type { Pod } from '../../api/types/core/pod/index.js';
import { CreateContainerConfigError } from './errors.js';
import { podHostnameAndDomain } from './hostname.js';

const HEADER = '# Kubernetes-managed hosts file.\n';
const HEADER_HOST_NETWORK = '# Kubernetes-managed hosts file (host network).\n';

export interface HostsFileOptions {
  /** The cluster domain for the FQDN of a pod with a subdomain (default cluster.local). */
  clusterDomain?: string;
  /** The node's /etc/hosts content, for host-network pods (without it they get no managed file). */
  nodeHosts?: string;
}

function aliases(pod: Pod): string {
  const list = pod.spec?.hostAliases ?? [];
  if (list.length === 0) return '';
  return `\n# Entries added by HostAliases.\n${list.map((a) => `${a.ip ?? ''}\t${(a.hostnames ?? []).join('\t')}\n`).join('')}`;
}

/**
 * The hosts file content, or undefined when the kubelet would not mount one (pod IPs not known yet;
 * host network without `nodeHosts`). Throws CreateContainerConfigError for an invalid host name.
 */
export function hostsFile(pod: Pod, podIPs: readonly string[], opts: HostsFileOptions = {}): string | undefined {
  if (pod.spec?.hostNetwork) {
    return opts.nodeHosts === undefined ? undefined : HEADER_HOST_NETWORK + opts.nodeHosts + aliases(pod);
  }
  if (podIPs.length === 0) return undefined;
  let names: { hostname: string; domain: string };
  try {
    names = podHostnameAndDomain(pod, opts.clusterDomain ?? 'cluster.local');
  } catch (err) {
    throw new CreateContainerConfigError((err as Error).message);
  }
  const { hostname, domain } = names;
  let out = HEADER
    + '127.0.0.1\tlocalhost\n'
    + '::1\tlocalhost ip6-localhost ip6-loopback\n'
    + 'fe00::0\tip6-localnet\n'
    + 'fe00::0\tip6-mcastprefix\n'
    + 'fe00::1\tip6-allnodes\n'
    + 'fe00::2\tip6-allrouters\n';
  for (const ip of podIPs) out += domain !== '' ? `${ip}\t${hostname}.${domain}\t${hostname}\n` : `${ip}\t${hostname}\n`;
  return out + aliases(pod);
}
