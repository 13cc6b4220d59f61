import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { serviceEnvMap, serviceEnvVars } from './service-env.js';
import type { ServiceView } from './types.js';

const svc = (namespace: string, name: string, clusterIP: string, ports: Array<{ name?: string; port: number; protocol?: string }>): ServiceView =>
  ({ metadata: { namespace, name }, spec: { clusterIP, ports } });

const kubernetes = svc('default', 'kubernetes', '10.43.0.1', [{ name: 'https', port: 443, protocol: 'TCP' }]);

describe('service environment variables', () => {
  it('writes the host, ports and Docker link variables of a service', () => {
    const got = serviceEnvVars([svc('shop', 'my-db', '10.43.0.20', [
      { port: 5432 }, { name: 'metrics', port: 9187, protocol: 'TCP' }, { name: 'dns-udp', port: 53, protocol: 'UDP' },
    ])]);
    assert.deepEqual(got, [
      { name: 'MY_DB_SERVICE_HOST', value: '10.43.0.20' },
      { name: 'MY_DB_SERVICE_PORT', value: '5432' },
      { name: 'MY_DB_SERVICE_PORT_METRICS', value: '9187' },
      { name: 'MY_DB_SERVICE_PORT_DNS_UDP', value: '53' },
      { name: 'MY_DB_PORT', value: 'tcp://10.43.0.20:5432' },
      { name: 'MY_DB_PORT_5432_TCP', value: 'tcp://10.43.0.20:5432' },
      { name: 'MY_DB_PORT_5432_TCP_PROTO', value: 'tcp' },
      { name: 'MY_DB_PORT_5432_TCP_PORT', value: '5432' },
      { name: 'MY_DB_PORT_5432_TCP_ADDR', value: '10.43.0.20' },
      { name: 'MY_DB_PORT_9187_TCP', value: 'tcp://10.43.0.20:9187' },
      { name: 'MY_DB_PORT_9187_TCP_PROTO', value: 'tcp' },
      { name: 'MY_DB_PORT_9187_TCP_PORT', value: '9187' },
      { name: 'MY_DB_PORT_9187_TCP_ADDR', value: '10.43.0.20' },
      { name: 'MY_DB_PORT_53_UDP', value: 'udp://10.43.0.20:53' },
      { name: 'MY_DB_PORT_53_UDP_PROTO', value: 'udp' },
      { name: 'MY_DB_PORT_53_UDP_PORT', value: '53' },
      { name: 'MY_DB_PORT_53_UDP_ADDR', value: '10.43.0.20' },
    ]);
  });

  it('brackets IPv6 cluster IPs in URLs', () => {
    const got = new Map(serviceEnvVars([svc('d', 'v6', 'fd43::10', [{ port: 80 }])]).map((e) => [e.name, e.value]));
    assert.equal(got.get('V6_PORT'), 'tcp://[fd43::10]:80');
    assert.equal(got.get('V6_PORT_80_TCP_ADDR'), 'fd43::10');
  });

  const web = svc('shop', 'web', '10.43.0.30', [{ port: 80 }]);
  const headless = svc('shop', 'peers', 'None', [{ port: 7000 }]);
  const other = svc('elsewhere', 'api', '10.43.0.40', [{ port: 8080 }]);
  const localKubernetes = svc('shop', 'kubernetes', '10.43.0.99', [{ port: 1 }]);
  const cases: Array<{ name: string; ns: string; links: boolean; services: ServiceView[]; has: string[]; lacks: string[]; host?: string }> = [
    { name: 'own namespace and master service', ns: 'shop', links: true, services: [kubernetes, web, headless, other],
      has: ['KUBERNETES_SERVICE_HOST', 'WEB_SERVICE_HOST'], lacks: ['PEERS_SERVICE_HOST', 'API_SERVICE_HOST'], host: '10.43.0.1' },
    { name: 'links off keeps only the master service', ns: 'shop', links: false, services: [kubernetes, web],
      has: ['KUBERNETES_SERVICE_HOST', 'KUBERNETES_PORT_443_TCP'], lacks: ['WEB_SERVICE_HOST'], host: '10.43.0.1' },
    { name: 'a kubernetes service in the pod namespace wins (listed after)', ns: 'shop', links: true,
      services: [kubernetes, localKubernetes], has: ['KUBERNETES_SERVICE_HOST'], lacks: [], host: '10.43.0.99' },
    { name: 'a kubernetes service in the pod namespace wins (listed before)', ns: 'shop', links: true,
      services: [localKubernetes, kubernetes], has: ['KUBERNETES_SERVICE_HOST'], lacks: [], host: '10.43.0.99' },
    { name: 'pods in default see kubernetes once', ns: 'default', links: true, services: [kubernetes, web],
      has: ['KUBERNETES_SERVICE_HOST'], lacks: ['WEB_SERVICE_HOST'], host: '10.43.0.1' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const m = serviceEnvMap(c.ns, c.links, c.services);
      for (const k of c.has) assert.ok(m.has(k), `expected ${k}`);
      for (const k of c.lacks) assert.ok(!m.has(k), `unexpected ${k}`);
      if (c.host) assert.equal(m.get('KUBERNETES_SERVICE_HOST'), c.host);
    });
  }
});
