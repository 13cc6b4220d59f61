import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Pod } from '../../api/types/core/pod/index.js';
import { makeEnvironment, type EnvironmentContext } from './environment.js';
import { CreateContainerConfigError, type ConfigEvent } from './errors.js';
import type { ServiceView } from './types.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

function fakeContext(events: ConfigEvent[] = [], overrides: Partial<EnvironmentContext> = {}): EnvironmentContext & { lookups: string[] } {
  const lookups: string[] = [];
  const configMaps: Record<string, Record<string, string>> = {
    'shop/settings': { MODE: 'prod', LEVEL: 'debug', '1bad': 'x', 'has space': 'y', 'dotted.key': 'ok' },
    'shop/more': { MODE: 'staging', EXTRA: 'e' },
  };
  const secrets: Record<string, Record<string, string>> = {
    'shop/creds': { USER: b64('admin'), PASS: b64('s3cr=t'), '9lives': b64('z') },
  };
  const services: ServiceView[] = [
    { metadata: { namespace: 'default', name: 'kubernetes' }, spec: { clusterIP: '10.43.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] } },
    { metadata: { namespace: 'shop', name: 'db' }, spec: { clusterIP: '10.43.0.20', ports: [{ port: 5432 }] } },
  ];
  return {
    lookups,
    async configMap(ns, name) { lookups.push(`cm:${ns}/${name}`); const d = configMaps[`${ns}/${name}`]; return d ? { data: d } : undefined; },
    async secret(ns, name) { lookups.push(`secret:${ns}/${name}`); const d = secrets[`${ns}/${name}`]; return d ? { data: d } : undefined; },
    async services(ns) { lookups.push(`svc:${ns}`); return services.filter((s) => s.metadata.namespace === ns); },
    nodeAllocatable: { cpu: '2', memory: '4Gi' },
    hostIPs: ['192.168.1.5'],
    podIPs: ['10.42.0.7'],
    recordEvent: (e) => events.push(e),
    ...overrides,
  };
}

function pod(container: Container, spec: Pod['spec'] = {}): Pod {
  return {
    metadata: { name: 'web', namespace: 'shop', uid: 'u-1', labels: { app: 'web' } },
    spec: { nodeName: 'node-a', serviceAccountName: 'default', containers: [container], ...spec },
  };
}

const asMap = (env: Array<{ name: string; value: string }>) => new Map(env.map((e) => [e.name, e.value]));

describe('makeEnvironment', () => {
  const cases: Array<{ name: string; container: Container; spec?: Pod['spec']; want: Record<string, string>; absent?: string[] }> = [
    {
      name: 'plain values and $(VAR) references to earlier variables',
      container: { name: 'c', env: [
        { name: 'A', value: 'a' }, { name: 'B', value: '$(A)-b' }, { name: 'C', value: '$(LATER)' },
        { name: 'LATER', value: 'l' }, { name: 'ESC', value: '$$(A)' }, { name: 'EMPTY', value: '' },
      ] },
      want: { A: 'a', B: 'a-b', C: '$(LATER)', LATER: 'l', ESC: '$(A)', EMPTY: '' },
    },
    {
      name: 'references to service variables',
      container: { name: 'c', env: [{ name: 'DB', value: '$(DB_SERVICE_HOST):$(DB_SERVICE_PORT)' }] },
      want: { DB: '10.43.0.20:5432', DB_SERVICE_HOST: '10.43.0.20', KUBERNETES_SERVICE_HOST: '10.43.0.1',
        KUBERNETES_SERVICE_PORT: '443', KUBERNETES_SERVICE_PORT_HTTPS: '443', KUBERNETES_PORT: 'tcp://10.43.0.1:443',
        KUBERNETES_PORT_443_TCP_ADDR: '10.43.0.1' },
    },
    {
      name: 'enableServiceLinks false keeps only the kubernetes service',
      container: { name: 'c' }, spec: { enableServiceLinks: false },
      want: { KUBERNETES_SERVICE_HOST: '10.43.0.1' }, absent: ['DB_SERVICE_HOST'],
    },
    {
      name: 'env overrides envFrom, and declared variables win over service variables',
      container: { name: 'c', envFrom: [{ configMapRef: { name: 'settings' } }],
        env: [{ name: 'MODE', value: 'test' }, { name: 'DB_SERVICE_HOST', value: 'mine' }] },
      want: { MODE: 'test', LEVEL: 'debug', 'dotted.key': 'ok', DB_SERVICE_HOST: 'mine' },
    },
    {
      name: 'later envFrom sources override earlier ones; prefixes apply',
      container: { name: 'c', envFrom: [{ configMapRef: { name: 'settings' } }, { configMapRef: { name: 'more' } },
        { prefix: 'S_', secretRef: { name: 'creds' } }] },
      want: { MODE: 'staging', EXTRA: 'e', S_USER: 'admin', S_PASS: 's3cr=t', S_9lives: 'z' },
    },
    {
      name: 'optional missing sources are skipped',
      container: { name: 'c', envFrom: [{ configMapRef: { name: 'nope', optional: true } }, { secretRef: { name: 'nope', optional: true } }],
        env: [
          { name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k', optional: true } } },
          { name: 'Y', valueFrom: { configMapKeyRef: { name: 'settings', key: 'missing', optional: true } } },
          { name: 'Z', valueFrom: { secretKeyRef: { name: 'creds', key: 'missing', optional: true } } },
        ] },
      want: {}, absent: ['X', 'Y', 'Z'],
    },
    {
      name: 'configMapKeyRef and secretKeyRef (decoded), not expanded',
      container: { name: 'c', env: [
        { name: 'M', valueFrom: { configMapKeyRef: { name: 'settings', key: 'MODE' } } },
        { name: 'P', valueFrom: { secretKeyRef: { name: 'creds', key: 'PASS' } } },
      ] },
      want: { M: 'prod', P: 's3cr=t' },
    },
    {
      name: 'fieldRef and resourceFieldRef',
      container: { name: 'c', resources: { requests: { cpu: '250m' } }, env: [
        { name: 'POD', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
        { name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
        { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
        { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
        { name: 'HOST_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
        { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
        { name: 'CPU_REQ', valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1m' } } },
        { name: 'MEM_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
        { name: 'REF', value: '$(POD).$(NS)' },
      ] },
      want: { POD: 'web', NS: 'shop', APP: 'web', NODE: 'node-a', HOST_IP: '192.168.1.5', POD_IP: '10.42.0.7',
        CPU_REQ: '250', MEM_LIMIT: '4096', REF: 'web.shop' },
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const env = asMap(await makeEnvironment(pod(c.container, c.spec), c.container, fakeContext()));
      for (const [k, v] of Object.entries(c.want)) assert.equal(env.get(k), v, k);
      for (const k of c.absent ?? []) assert.ok(!env.has(k), `unexpected ${k}`);
    });
  }

  it('lists declared variables in order, then service variables', async () => {
    const c: Container = { name: 'c', env: [{ name: 'Z', value: '1' }, { name: 'A', value: '2' }] };
    const env = await makeEnvironment(pod(c, { enableServiceLinks: false }), c, fakeContext());
    assert.deepEqual(env.slice(0, 3).map((e) => e.name), ['Z', 'A', 'KUBERNETES_SERVICE_HOST']);
  });

  it('skips invalid envFrom names with the kubelet\'s warning', async () => {
    const events: ConfigEvent[] = [];
    const c: Container = { name: 'c', envFrom: [{ configMapRef: { name: 'settings' } }, { secretRef: { name: 'creds' } }] };
    const env = asMap(await makeEnvironment(pod(c), c, fakeContext(events)));
    assert.ok(!env.has('1bad') && !env.has('has space') && !env.has('9lives'));
    assert.deepEqual(events, [
      { type: 'Warning', reason: 'InvalidEnvironmentVariableNames',
        message: 'Keys [1bad, has space] from the EnvFrom configMap shop/settings were skipped since they are considered invalid environment variable names.' },
      { type: 'Warning', reason: 'InvalidEnvironmentVariableNames',
        message: 'Keys [9lives] from the EnvFrom secret shop/creds were skipped since they are considered invalid environment variable names.' },
    ]);
  });

  it('fetches each object once per container', async () => {
    const ctx = fakeContext();
    const c: Container = { name: 'c', envFrom: [{ configMapRef: { name: 'settings' } }], env: [
      { name: 'A', valueFrom: { configMapKeyRef: { name: 'settings', key: 'MODE' } } },
      { name: 'B', valueFrom: { configMapKeyRef: { name: 'settings', key: 'LEVEL' } } },
    ] };
    await makeEnvironment(pod(c), c, ctx);
    assert.equal(ctx.lookups.filter((l) => l === 'cm:shop/settings').length, 1);
  });

  const failures: Array<{ name: string; container: Container; message: string; ctx?: Partial<EnvironmentContext> }> = [
    { name: 'missing ConfigMap (envFrom)', container: { name: 'c', envFrom: [{ configMapRef: { name: 'x' } }] }, message: 'configmap "x" not found' },
    { name: 'missing Secret (envFrom)', container: { name: 'c', envFrom: [{ secretRef: { name: 'x' } }] }, message: 'secret "x" not found' },
    { name: 'missing ConfigMap (key ref)', container: { name: 'c', env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'x', key: 'K' } } }] },
      message: 'configmap "x" not found' },
    { name: 'missing ConfigMap key', container: { name: 'c', env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'settings', key: 'K' } } }] },
      message: "couldn't find key K in ConfigMap shop/settings" },
    { name: 'missing Secret', container: { name: 'c', env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 'x', key: 'K' } } }] },
      message: 'secret "x" not found' },
    { name: 'missing Secret key', container: { name: 'c', env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 'creds', key: 'K' } } }] },
      message: "couldn't find key K in Secret shop/creds" },
    { name: 'optional only covers a missing object\'s key when set', container: { name: 'c', env: [
      { name: 'A', valueFrom: { configMapKeyRef: { name: 'settings', key: 'K', optional: false } } }] },
      message: "couldn't find key K in ConfigMap shop/settings" },
    { name: 'unsupported fieldRef', container: { name: 'c', env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'status.phase' } } }] },
      message: 'unsupported fieldPath: status.phase' },
    { name: 'unsupported resource', container: { name: 'c', env: [{ name: 'A', valueFrom: { resourceFieldRef: { resource: 'limits.nvidia.com/gpu' } } }] },
      message: 'unsupported container resource : limits.nvidia.com/gpu' },
    { name: 'services cannot be listed', container: { name: 'c' }, ctx: { services: async () => { throw new Error('boom'); } },
      message: 'failed to list services when setting up env vars' },
    { name: 'a lookup fails for another reason', container: { name: 'c', envFrom: [{ configMapRef: { name: 'x', optional: true } }] },
      ctx: { configMap: async () => { throw new Error('connection refused'); } }, message: 'connection refused' },
  ];
  for (const f of failures) {
    it(`fails: ${f.name}`, async () => {
      await assert.rejects(makeEnvironment(pod(f.container), f.container, fakeContext([], f.ctx)), (err: unknown) => {
        assert.ok(err instanceof CreateContainerConfigError);
        assert.equal(err.reason, 'CreateContainerConfigError');
        assert.equal(err.message, f.message);
        return true;
      });
    });
  }
});
