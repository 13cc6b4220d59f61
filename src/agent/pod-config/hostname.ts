/**
 * A pod's host name and domain as the kubelet derives them: spec.hostname (else the pod name)
 * cut to 63 characters without a trailing '-' or '.'; with spec.subdomain the domain
 * `<subdomain>.<namespace>.svc.<cluster domain>`; with setHostnameAsFQDN the kernel host name is
 * the full name (64 characters at most).
 */
import { isDNS1123Label } from '../../api/index.js';
import type { Pod } from '../../api/types/core/pod/index.js';

const HOSTNAME_MAX = 63;
const FQDN_MAX = 64;

function truncate(podName: string, hostname: string): string {
  if (hostname.length <= HOSTNAME_MAX) return hostname;
  const cut = hostname.slice(0, HOSTNAME_MAX).replace(/[-.]+$/, '');
  if (cut === '') throw new Error(`hostname for pod "${podName}" was invalid: "${hostname}"`);
  return cut;
}

/** Throws (kubelet's wording) when spec.hostname or spec.subdomain is not a DNS label. */
export function podHostnameAndDomain(pod: Pod, clusterDomain: string): { hostname: string; domain: string } {
  const name = pod.metadata.name ?? '';
  let hostname = name;
  const wanted = pod.spec?.hostname ?? '';
  if (wanted !== '') {
    const errs = isDNS1123Label(wanted);
    if (errs.length > 0) throw new Error(`pod Hostname "${wanted}" is not a valid DNS label: ${errs.join(';')}`);
    hostname = wanted;
  }
  hostname = truncate(name, hostname);
  let domain = '';
  const sub = pod.spec?.subdomain ?? '';
  if (sub !== '') {
    const errs = isDNS1123Label(sub);
    if (errs.length > 0) throw new Error(`pod Subdomain "${sub}" is not a valid DNS label: ${errs.join(';')}`);
    domain = `${sub}.${pod.metadata.namespace ?? ''}.svc.${clusterDomain}`;
  }
  return { hostname, domain };
}

/** The host name the pod's UTS namespace gets (the FQDN with setHostnameAsFQDN and a domain). */
export function kernelHostname(hostname: string, domain: string, setHostnameAsFQDN: boolean | undefined): string {
  if (domain === '' || setHostnameAsFQDN !== true) return hostname;
  const fqdn = `${hostname}.${domain}`;
  if (fqdn.length > FQDN_MAX) {
    throw new Error(`failed to construct FQDN from pod hostname and cluster domain, FQDN ${fqdn} is too long (${FQDN_MAX} characters is the max, ${fqdn.length} characters requested)`);
  }
  return fqdn;
}
