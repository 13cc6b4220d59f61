import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Pod } from '../../api/types/core/pod/index.js';
import { containerResources } from './resources.js';

const GI = 1024 ** 3;
const pod = (container: Container): Pod => ({ metadata: { name: 'p', namespace: 'd', uid: 'u' }, spec: { containers: [container] } });

describe('containerResources', () => {
  const cases: Array<{ name: string; requests?: Record<string, string>; limits?: Record<string, string>;
    want: { cpuShares: number; cpuQuota: number; memoryLimitBytes?: number; oomScoreAdj: number } }> = [
    { name: 'nothing set: minimum shares, no quota, BestEffort', want: { cpuShares: 2, cpuQuota: 0, oomScoreAdj: 1000 } },
    { name: 'cpu request only', requests: { cpu: '250m' }, want: { cpuShares: 256, cpuQuota: 0, oomScoreAdj: 999 } },
    { name: 'cpu limit only: shares from the limit', limits: { cpu: '500m' }, want: { cpuShares: 512, cpuQuota: 50_000, oomScoreAdj: 999 } },
    { name: 'explicit zero request keeps minimum shares', requests: { cpu: '0' }, limits: { cpu: '2' },
      want: { cpuShares: 2, cpuQuota: 200_000, oomScoreAdj: 999 } },
    { name: 'tiny request: at least 2 shares', requests: { cpu: '1m' }, want: { cpuShares: 2, cpuQuota: 0, oomScoreAdj: 999 } },
    { name: 'tiny limit: quota at least 1 ms', requests: { cpu: '1m' }, limits: { cpu: '1m' },
      want: { cpuShares: 2, cpuQuota: 1000, oomScoreAdj: 999 } },
    { name: 'huge request: shares capped', requests: { cpu: '300' }, want: { cpuShares: 262_144, cpuQuota: 0, oomScoreAdj: 999 } },
    { name: 'Guaranteed with memory limit', requests: { cpu: '1', memory: '512Mi' }, limits: { cpu: '1', memory: '512Mi' },
      want: { cpuShares: 1024, cpuQuota: 100_000, memoryLimitBytes: 512 * 1024 * 1024, oomScoreAdj: -997 } },
    { name: 'Burstable memory', requests: { memory: '1Gi' }, limits: { memory: '2Gi' },
      want: { cpuShares: 2, cpuQuota: 0, memoryLimitBytes: 2 * GI, oomScoreAdj: 875 } },
    { name: 'fractional milli-CPU rounds up', requests: { cpu: '0.0005' }, limits: { cpu: '1.5' },
      want: { cpuShares: 2, cpuQuota: 150_000, oomScoreAdj: 999 } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const container: Container = { name: 'c', resources: { ...(c.requests ? { requests: c.requests } : {}), ...(c.limits ? { limits: c.limits } : {}) } };
      assert.deepEqual(containerResources(pod(container), container, { memoryCapacityBytes: 8 * GI }), { cpuPeriod: 100_000, ...c.want });
    });
  }

  it('leaves the quota out when CFS quota is off, and honours another period', () => {
    const container: Container = { name: 'c', resources: { limits: { cpu: '1' } } };
    const off = containerResources(pod(container), container, { memoryCapacityBytes: GI, cpuCFSQuota: false });
    assert.equal(off.cpuQuota, undefined);
    assert.equal(off.cpuPeriod, undefined);
    const p50 = containerResources(pod(container), container, { memoryCapacityBytes: GI, cpuCFSQuotaPeriodUs: 50_000 });
    assert.deepEqual([p50.cpuQuota, p50.cpuPeriod], [50_000, 50_000]);
  });

  it('uses this host\'s memory when no capacity is given', () => {
    const container: Container = { name: 'c', resources: { requests: { memory: '1Mi' } } };
    const r = containerResources(pod(container), container);
    assert.ok(r.oomScoreAdj !== undefined && r.oomScoreAdj >= 3 && r.oomScoreAdj <= 999);
  });
});
