import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Pod } from '../../api/types/core/pod/index.js';
import { containerConfig, type ContainerConfigOptions } from './container-config.js';
import type { EnvironmentContext } from './environment.js';
import { CreateContainerConfigError } from './errors.js';

const envCtx = (calls: string[] = []): EnvironmentContext => ({
  async configMap(ns, name) { calls.push(`cm ${ns}/${name}`); return name === 'cfg' ? { data: { GREETING: 'hello' } } : undefined; },
  async secret() { return undefined; },
  async services(ns) {
    return ns === 'default' ? [{ metadata: { namespace: 'default', name: 'kubernetes' }, spec: { clusterIP: '10.43.0.1', ports: [{ name: 'https', port: 443 }] } }] : [];
  },
  nodeAllocatable: { cpu: '2', memory: '4Gi' },
  hostIPs: ['192.168.1.5'],
  podIPs: ['10.42.0.7'],
});

const opts = (o: Partial<ContainerConfigOptions> = {}): ContainerConfigOptions => ({
  env: envCtx(), image: { config: { Entrypoint: ['/docker-entrypoint.sh'], Cmd: ['nginx'], User: '' } },
  attempt: 1, logDirectory: '/var/log/pods/shop_web_u-1', resources: { memoryCapacityBytes: 8 * 1024 ** 3 }, ...o,
});

const app: Container = {
  name: 'app', image: 'nginx', workingDir: '/srv', args: ['--greeting=$(GREETING)'],
  env: [{ name: 'GREETING', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'GREETING' } } }, { name: 'DATA', value: '/data/$(HOSTNAME_X)' }],
  resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } },
  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
};
const pod = (c: Container, podSc?: NonNullable<Pod['spec']>['securityContext']): Pod =>
  ({ metadata: { name: 'web', namespace: 'shop', uid: 'u-1' }, spec: { containers: [c], ...(podSc ? { securityContext: podSc } : {}) } });

describe('containerConfig', () => {
  it('assembles the runtime config of a container', async () => {
    const { config, env } = await containerConfig(pod(app), app, opts());
    assert.equal(config.name, 'app');
    assert.equal(config.attempt, 1);
    assert.equal(config.command, undefined);
    assert.deepEqual(config.args, ['--greeting=hello']);
    assert.equal(config.workingDir, '/srv');
    assert.equal(env.GREETING, 'hello');
    assert.equal(env.DATA, '/data/$(HOSTNAME_X)');
    assert.equal(env.KUBERNETES_SERVICE_HOST, '10.43.0.1');
    assert.deepEqual(config.resources, { cpuShares: 102, cpuQuota: 50_000, cpuPeriod: 100_000, memoryLimitBytes: 128 * 1024 * 1024, oomScoreAdj: 993 });
    assert.deepEqual(config.security, { capabilities: { drop: ['ALL'] }, noNewPrivileges: true });
    assert.equal(config.logPath, '/var/log/pods/shop_web_u-1/app/1.log');
    assert.deepEqual(config.labels, {
      'io.kubernetes.container.name': 'app', 'io.kubernetes.pod.name': 'web', 'io.kubernetes.pod.namespace': 'shop', 'io.kubernetes.pod.uid': 'u-1',
    });
    assert.equal(config.annotations?.['io.kubernetes.container.restartCount'], '1');
  });

  it('keeps stdin (and stdinOnce) and tty of containers that ask for them, nothing for others', async () => {
    const attached: Container = { name: 'sh', image: 'alpine', stdin: true, stdinOnce: true, tty: true };
    const { config } = await containerConfig(pod(attached), attached, opts());
    assert.deepEqual([config.stdin, config.stdinOnce, config.tty], [true, true, true]);
    const plain = (await containerConfig(pod(app), app, opts())).config;
    assert.deepEqual([plain.stdin, plain.stdinOnce, plain.tty], [undefined, undefined, undefined]);
  });

  it('checks runAsNonRoot before fetching anything', async () => {
    const calls: string[] = [];
    await assert.rejects(containerConfig(pod(app, { runAsNonRoot: true }), app, opts({ env: envCtx(calls) })), (err: unknown) =>
      err instanceof CreateContainerConfigError && err.message === 'container has runAsNonRoot and image will run as root (pod: "web_shop(u-1)", container: app)');
    assert.deepEqual(calls, []);
  });

  it('passes environment failures through', async () => {
    const c: Container = { name: 'app', envFrom: [{ configMapRef: { name: 'missing' } }] };
    await assert.rejects(containerConfig(pod(c), c, opts()), { name: 'CreateContainerConfigError', message: 'configmap "missing" not found' });
  });
});
