import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/types/core/pod/index.js';
import { CreateContainerConfigError } from './errors.js';
import { hostsFile } from './hosts-file.js';

const pod = (spec: NonNullable<Pod['spec']> = {}): Pod => ({ metadata: { name: 'web-0', namespace: 'shop', uid: 'u' }, spec });
const BASE = '# Kubernetes-managed hosts file.\n'
  + '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n'
  + 'fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';

describe('hostsFile', () => {
  const aliases = [{ ip: '127.0.0.1', hostnames: ['foo.local', 'bar.local'] }, { ip: '10.1.2.3', hostnames: ['foo.remote'] }];
  const cases: Array<{ name: string; spec?: NonNullable<Pod['spec']>; ips: string[]; domain?: string; nodeHosts?: string; want: string | undefined }> = [
    { name: 'pod IP under the pod name', ips: ['10.42.0.7'], want: `${BASE}10.42.0.7\tweb-0\n` },
    { name: 'every pod IP', ips: ['10.42.0.7', 'fd42::7'], want: `${BASE}10.42.0.7\tweb-0\nfd42::7\tweb-0\n` },
    { name: 'hostname and subdomain give the FQDN first', spec: { hostname: 'db', subdomain: 'grp' }, ips: ['10.42.0.7'],
      want: `${BASE}10.42.0.7\tdb.grp.shop.svc.cluster.local\tdb\n` },
    { name: 'another cluster domain', spec: { subdomain: 'grp' }, ips: ['10.42.0.7'], domain: 'corp.internal',
      want: `${BASE}10.42.0.7\tweb-0.grp.shop.svc.corp.internal\tweb-0\n` },
    { name: 'host aliases', spec: { hostAliases: aliases }, ips: ['10.42.0.7'],
      want: `${BASE}10.42.0.7\tweb-0\n\n# Entries added by HostAliases.\n127.0.0.1\tfoo.local\tbar.local\n10.1.2.3\tfoo.remote\n` },
    { name: 'no pod IPs yet: no file', ips: [], want: undefined },
    { name: 'host network without the node file: no file', spec: { hostNetwork: true }, ips: ['192.168.1.5'], want: undefined },
    { name: 'host network: the node file under its header, with aliases', spec: { hostNetwork: true, hostAliases: aliases.slice(1) }, ips: [],
      nodeHosts: '127.0.0.1 localhost\n192.168.1.5 node-a\n',
      want: '# Kubernetes-managed hosts file (host network).\n127.0.0.1 localhost\n192.168.1.5 node-a\n\n# Entries added by HostAliases.\n10.1.2.3\tfoo.remote\n' },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(hostsFile(pod(c.spec), c.ips, { clusterDomain: c.domain, nodeHosts: c.nodeHosts }), c.want));
  }

  it('fails as CreateContainerConfigError on an invalid host name', () => {
    assert.throws(() => hostsFile(pod({ hostname: 'NOT_VALID' }), ['10.42.0.7']),
      (err: unknown) => err instanceof CreateContainerConfigError && /^pod Hostname "NOT_VALID" is not a valid DNS label/.test(err.message));
  });
});
