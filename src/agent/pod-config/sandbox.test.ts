import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/types/core/pod/index.js';
import { CreatePodSandboxError } from './errors.js';
import { containerLogPath, podLogDirectory, sandboxConfig, type SandboxOptions } from './sandbox.js';

const opts: SandboxOptions = {
  clusterDNS: ['10.43.0.10'], clusterDomain: 'cluster.local', hostResolvConf: 'nameserver 192.168.1.1\n', nodeHostname: 'node-a',
};
const pod = (spec: NonNullable<Pod['spec']> = {}, name = 'web-0'): Pod => ({
  metadata: { name, namespace: 'shop', uid: 'u-1', labels: { app: 'web' }, annotations: { note: 'n' } },
  spec,
});

describe('sandboxConfig', () => {
  it('describes a pod-network pod', () => {
    assert.deepEqual(sandboxConfig(pod(), { ...opts, attempt: 2 }), {
      name: 'web-0', namespace: 'shop', uid: 'u-1', attempt: 2, hostname: 'web-0',
      hostNetwork: false, hostPID: false, hostIPC: false,
      dns: { servers: ['10.43.0.10'], searches: ['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], options: ['ndots:5'] },
      logDirectory: '/var/log/pods/shop_web-0_u-1',
      labels: { app: 'web', 'io.kubernetes.pod.name': 'web-0', 'io.kubernetes.pod.namespace': 'shop', 'io.kubernetes.pod.uid': 'u-1' },
      annotations: { note: 'n' },
    });
  });

  const cases: Array<{ name: string; spec: NonNullable<Pod['spec']>; podName?: string; want: Record<string, unknown> }> = [
    { name: 'spec.hostname', spec: { hostname: 'box' }, want: { hostname: 'box' } },
    { name: 'a long pod name is cut to 63', spec: {}, podName: `${'x'.repeat(62)}-yz`, want: { hostname: 'x'.repeat(62) } },
    { name: 'setHostnameAsFQDN', spec: { hostname: 'box', subdomain: 'grp', setHostnameAsFQDN: true },
      want: { hostname: 'box.grp.shop.svc.cluster.local' } },
    { name: 'host network keeps the node name and its resolv.conf', spec: { hostNetwork: true, hostname: 'ignored' },
      want: { hostname: 'node-a', hostNetwork: true, dns: { servers: ['192.168.1.1'], searches: [], options: [] } } },
    { name: 'host PID and IPC', spec: { hostPID: true, hostIPC: true }, want: { hostPID: true, hostIPC: true } },
    { name: 'shareProcessNamespace: one PID namespace for the pod', spec: { shareProcessNamespace: true }, want: { sharePid: true } },
    { name: 'no shared PID namespace by default', spec: {}, want: { sharePid: undefined } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = sandboxConfig(pod(c.spec, c.podName), opts) as unknown as Record<string, unknown>;
      for (const [k, v] of Object.entries(c.want)) assert.deepEqual(got[k], v, k);
    });
  }

  it('fails as CreatePodSandboxError when the FQDN is too long', () => {
    const p = pod({ hostname: 'h'.repeat(40), subdomain: 'grp', setHostnameAsFQDN: true });
    assert.throws(() => sandboxConfig(p, opts), (err: unknown) => err instanceof CreatePodSandboxError
      && err.reason === 'CreatePodSandboxError' && /FQDN .* is too long/.test(err.message));
  });

  it('places logs under /var/log/pods/<ns>_<name>_<uid>/<container>/<restart>.log', () => {
    const dir = podLogDirectory(pod());
    assert.equal(dir, '/var/log/pods/shop_web-0_u-1');
    assert.equal(podLogDirectory(pod(), '/tmp/logs'), '/tmp/logs/shop_web-0_u-1');
    assert.equal(containerLogPath(dir, 'app', 0), '/var/log/pods/shop_web-0_u-1/app/0.log');
    assert.equal(containerLogPath(dir, 'app', 3), '/var/log/pods/shop_web-0_u-1/app/3.log');
    assert.equal(sandboxConfig(pod(), { ...opts, podLogsRoot: '/srv/logs' }).logDirectory, '/srv/logs/shop_web-0_u-1');
  });
});
