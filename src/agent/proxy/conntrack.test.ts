import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConntrackCleaner, conntrackArgs, staleUdpFilters } from './conntrack.js';
import type { HostExec } from './host-exec.js';
import type { ProxyEndpoint, ServicePortInfo } from './types.js';

const ep = (ip: string): ProxyEndpoint => ({ ip, port: 53, nodeName: 'n1', ready: true, serving: true, terminating: false });
const udp = (ips: string[], o: Partial<ServicePortInfo> = {}): ServicePortInfo => ({
  namespace: 'kube-system', name: 'dns', portName: 'dns', protocol: 'UDP', clusterIP: '10.43.0.10', port: 53, nodePort: 0,
  externalIPs: [], loadBalancerIPs: [], loadBalancerSourceRanges: [], internalPolicyLocal: false, externalPolicyLocal: false,
  endpoints: ips.map(ep), ...o,
});

describe('staleUdpFilters', () => {
  it('deletes entries DNATed to an endpoint that left, for every address of the port', () => {
    const f = staleUdpFilters([udp(['10.42.0.5', '10.42.0.6'], { nodePort: 30053, externalIPs: ['203.0.113.1'] })],
      [udp(['10.42.0.6'], { nodePort: 30053, externalIPs: ['203.0.113.1'] })], 'n1');
    assert.deepEqual(f, [
      { origDst: '10.43.0.10', dstNat: '10.42.0.5' },
      { origDst: '203.0.113.1', dstNat: '10.42.0.5' },
      { origPortDst: 30053, dstNat: '10.42.0.5' },
    ]);
    assert.deepEqual(conntrackArgs(f[2]!), ['-D', '-p', 'udp', '--orig-port-dst', '30053', '--dst-nat', '10.42.0.5']);
  });

  it('deletes entries of a port that gains its first endpoint (they were rejected), and of ports that went away', () => {
    assert.deepEqual(staleUdpFilters([udp([])], [udp(['10.42.0.5'])], 'n1'), [{ origDst: '10.43.0.10' }]);
    assert.deepEqual(staleUdpFilters([udp(['10.42.0.5'])], [], 'n1'), [{ origDst: '10.43.0.10', dstNat: '10.42.0.5' }]);
    assert.deepEqual(staleUdpFilters([udp(['10.42.0.5'])], [udp(['10.42.0.5'])], 'n1'), []);
    assert.deepEqual(staleUdpFilters([udp(['10.42.0.5'], { protocol: 'TCP' })], [], 'n1'), [], 'TCP needs nothing');
  });
});

describe('ConntrackCleaner', () => {
  const fake = (result: { ok: boolean; stderr: string; missing: boolean }, calls: string[][]): HostExec => ({
    run: async (file, args) => { calls.push([file, ...args]); return { stdout: '', ...result }; },
    writeSysctl: async () => true,
    readSysctl: async () => undefined,
  });

  it('counts "nothing matched" as done, and reports a missing conntrack tool once', async () => {
    const calls: string[][] = [];
    const none = new ConntrackCleaner(fake({ ok: false, stderr: 'conntrack v1.4.7 (conntrack-tools): 0 flow entries have been deleted.', missing: false }, calls), () => undefined);
    assert.equal(await none.clear([{ origDst: '10.43.0.10' }]), 1);
    assert.deepEqual(calls, [['conntrack', '-D', '-p', 'udp', '--orig-dst', '10.43.0.10']]);
    const log: string[] = [];
    const missing = new ConntrackCleaner(fake({ ok: false, stderr: 'spawn conntrack ENOENT', missing: true }, []), (l) => log.push(l));
    assert.equal(await missing.clear([{ origDst: '10.43.0.10' }, { origDst: '10.43.0.11' }]), 0);
    await missing.clear([{ origDst: '10.43.0.12' }]);
    assert.equal(log.length, 1);
    assert.match(log[0]!, /conntrack tool is missing/);
  });
});
