/**
 * A container's cgroup limits as the kubelet asks the runtime for them: cpu.shares from the CPU
 * request (from the limit when only a limit is set; 2 at least), a CFS quota over a 100 ms period
 * from the CPU limit (0: unlimited), the memory limit, and the QoS class's oom_score_adj.
 */
import { totalmem } from 'node:os';
import type { Container, Pod } from '../../api/types/core/pod/index.js';
import { milliCPUToQuota, milliCPUToShares, type ContainerResources } from '../runtime/index.js';
import { milliValue, value } from './quantity.js';
import { containerOOMScoreAdj } from './qos.js';

const MAX_SHARES = 262_144;
const DEFAULT_CFS_PERIOD_US = 100_000;

export interface ResourceOptions {
  /** The node's memory in bytes, for a Burstable container's oom_score_adj (default: this host's). */
  memoryCapacityBytes?: number;
  /** Enforce CPU limits with a CFS quota (the kubelet's --cpu-cfs-quota, default true). */
  cpuCFSQuota?: boolean;
  /** The CFS period in microseconds (--cpu-cfs-quota-period, default 100000). */
  cpuCFSQuotaPeriodUs?: number;
}

export function containerResources(pod: Pod, container: Container, opts: ResourceOptions = {}): ContainerResources {
  const requests = container.resources?.requests ?? {};
  const limits = container.resources?.limits ?? {};
  const cpuLimitMilli = milliValue(limits.cpu);
  const hasCpuRequest = Object.prototype.hasOwnProperty.call(requests, 'cpu');
  const sharesFrom = !hasCpuRequest && cpuLimitMilli !== 0 ? cpuLimitMilli : milliValue(requests.cpu);
  const out: ContainerResources = { cpuShares: Math.min(MAX_SHARES, milliCPUToShares(sharesFrom)) };
  const memoryLimit = value(limits.memory);
  if (memoryLimit !== 0) out.memoryLimitBytes = memoryLimit;
  if (opts.cpuCFSQuota ?? true) {
    const period = opts.cpuCFSQuotaPeriodUs ?? DEFAULT_CFS_PERIOD_US;
    out.cpuQuota = milliCPUToQuota(cpuLimitMilli, period);
    out.cpuPeriod = period;
  }
  out.oomScoreAdj = containerOOMScoreAdj(pod, container, opts.memoryCapacityBytes ?? totalmem());
  return out;
}
