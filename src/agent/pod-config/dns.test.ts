import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/types/core/pod/index.js';
import { podDNSConfig, type PodDNSOptions } from './dns.js';
import type { ConfigEvent } from './errors.js';

const HOST = 'nameserver 192.168.1.1\nnameserver 192.168.1.2\nsearch lan example.com.\noptions edns0 timeout:2\n';
const opts = (o: Partial<PodDNSOptions> = {}): PodDNSOptions =>
  ({ clusterDNS: ['10.43.0.10'], clusterDomain: 'cluster.local', hostResolvConf: HOST, ...o });
const pod = (spec: NonNullable<Pod['spec']> = {}): Pod => ({ metadata: { name: 'web', namespace: 'shop', uid: 'u-1' }, spec });

const CLUSTER = { servers: ['10.43.0.10'], searches: ['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local', 'lan', 'example.com'], options: ['ndots:5'] };
const HOSTCFG = { servers: ['192.168.1.1', '192.168.1.2'], searches: ['lan', 'example.com'], options: ['edns0', 'timeout:2'] };

describe('podDNSConfig', () => {
  const cases: Array<{ name: string; spec?: NonNullable<Pod['spec']>; o?: Partial<PodDNSOptions>; want: typeof CLUSTER }> = [
    { name: 'ClusterFirst by default', want: CLUSTER },
    { name: 'ClusterFirst', spec: { dnsPolicy: 'ClusterFirst' }, want: CLUSTER },
    { name: 'ClusterFirst on the host network behaves as Default', spec: { dnsPolicy: 'ClusterFirst', hostNetwork: true }, want: HOSTCFG },
    { name: 'ClusterFirstWithHostNet', spec: { dnsPolicy: 'ClusterFirstWithHostNet', hostNetwork: true }, want: CLUSTER },
    { name: 'Default', spec: { dnsPolicy: 'Default' }, want: HOSTCFG },
    { name: 'None with dnsConfig', spec: { dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'], searches: ['x.y'], options: [{ name: 'ndots', value: '2' }] } },
      want: { servers: ['1.1.1.1'], searches: ['x.y'], options: ['ndots:2'] } },
    { name: 'None without dnsConfig', spec: { dnsPolicy: 'None' }, want: { servers: [], searches: [], options: [] } },
    { name: 'no cluster domain: host searches only', o: { clusterDomain: '' }, want: { ...CLUSTER, searches: ['lan', 'example.com'] } },
    { name: 'duplicate searches are dropped', o: { hostResolvConf: 'search svc.cluster.local lan\n' },
      want: { servers: ['10.43.0.10'], searches: ['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local', 'lan'], options: ['ndots:5'] } },
    { name: 'several cluster DNS servers', o: { clusterDNS: ['10.43.0.10', 'fd43::a'] }, want: { ...CLUSTER, servers: ['10.43.0.10', 'fd43::a'] } },
    { name: 'dnsConfig merges into ClusterFirst', spec: { dnsConfig: {
      nameservers: ['1.1.1.1', '10.43.0.10'], searches: ['my.dns.search.suffix', 'lan'],
      options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }, { name: 'single-request-reopen', value: '' }] } },
      want: { servers: ['10.43.0.10', '1.1.1.1'], searches: [...CLUSTER.searches, 'my.dns.search.suffix'], options: ['ndots:2', 'edns0', 'single-request-reopen'] } },
    { name: 'dnsConfig options override host options by name', spec: { dnsPolicy: 'Default', dnsConfig: { options: [{ name: 'timeout', value: '5' }] } },
      want: { ...HOSTCFG, options: ['edns0', 'timeout:5'] } },
    { name: 'no --resolv-conf: loopback nameservers and search "."', spec: { dnsPolicy: 'Default' }, o: { hostResolvConf: '', nodeIPs: ['10.0.0.5', 'fd00::5'] },
      want: { servers: ['127.0.0.1', '::1'], searches: ['.'], options: [] } },
    { name: 'no --resolv-conf and no node IPs', spec: { dnsPolicy: 'Default' }, o: { hostResolvConf: '' },
      want: { servers: ['127.0.0.1'], searches: ['.'], options: [] } },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(podDNSConfig(pod(c.spec), opts(c.o)), c.want));
  }

  it('falls back to the host resolv.conf without cluster DNS, with a warning', () => {
    const events: ConfigEvent[] = [];
    assert.deepEqual(podDNSConfig(pod(), opts({ clusterDNS: [], recordEvent: (e) => events.push(e) })), HOSTCFG);
    assert.deepEqual(events, [{ type: 'Warning', reason: 'MissingClusterDNS',
      message: 'pod: "web_shop(u-1)". kubelet does not have ClusterDNS IP configured and cannot create Pod using "ClusterFirst" policy. Falling back to "Default" policy.' }]);
  });

  it('keeps three nameservers and says which', () => {
    const events: ConfigEvent[] = [];
    const cfg = podDNSConfig(pod({ dnsConfig: { nameservers: ['1.1.1.1', '8.8.8.8', '9.9.9.9'] } }), opts({ recordEvent: (e) => events.push(e) }));
    assert.deepEqual(cfg.servers, ['10.43.0.10', '1.1.1.1', '8.8.8.8']);
    assert.deepEqual(events.map((e) => [e.reason, e.message]), [['DNSConfigForming',
      'Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: 10.43.0.10 1.1.1.1 8.8.8.8']]);
  });

  it('keeps 32 search domains', () => {
    const events: ConfigEvent[] = [];
    const many = Array.from({ length: 40 }, (_, i) => `d${i}.example`);
    const cfg = podDNSConfig(pod({ dnsConfig: { searches: many } }), opts({ hostResolvConf: '', recordEvent: (e) => events.push(e) }));
    assert.equal(cfg.searches.length, 32);
    assert.equal(cfg.searches[31], 'd28.example');
    assert.match(events[0]!.message, /^Search Line limits were exceeded, some search paths have been omitted, the applied search line is: shop\.svc\.cluster\.local /);
  });

  it('drops search domains over 253 characters and trims the line to 2048', () => {
    const long = `${'a'.repeat(250)}.com`;
    const cfg1 = podDNSConfig(pod({ dnsPolicy: 'None', dnsConfig: { searches: ['ok.example', long] } }), opts());
    assert.deepEqual(cfg1.searches, ['ok.example']);
    const big = Array.from({ length: 12 }, (_, i) => `${String(i).padStart(2, '0')}${'b'.repeat(198)}`); // 12 × 200 chars
    const cfg2 = podDNSConfig(pod({ dnsPolicy: 'None', dnsConfig: { searches: big } }), opts());
    assert.equal(cfg2.searches.length, 10); // 10 × 200 + 9 spaces = 2009 ≤ 2048
    assert.deepEqual(cfg2.searches, big.slice(0, 10));
  });

  it('stays quiet when nothing is cut', () => {
    const events: ConfigEvent[] = [];
    podDNSConfig(pod(), opts({ recordEvent: (e) => events.push(e) }));
    assert.deepEqual(events, []);
  });
});
