/**
 * What the kubelet reports about its host: CPU cores, memory and disk (capacity, and allocatable
 * after the kubelet's default eviction thresholds: memory.available 100Mi, nodefs.available 10%),
 * the node's addresses, and node info (machine and boot ids, kernel, OS image, runtime version).
 */
import { readFileSync, statfsSync } from 'node:fs';
import { cpus, hostname, networkInterfaces, release } from 'node:os';

export interface HostFacts {
  hostname: string;
  internalIP: string;
  cpuCores: number;
  memoryKi: number;
  /** Bytes of the filesystem holding the data dir. */
  diskBytes: number;
  machineID: string;
  bootID: string;
  kernelVersion: string;
  osImage: string;
}

function readTrim(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

export function memoryKi(meminfo = readTrim('/proc/meminfo')): number {
  const m = /^MemTotal:\s+(\d+)\s*kB/m.exec(meminfo);
  return m ? Number(m[1]) : 0;
}

export function osImage(osRelease = readTrim('/etc/os-release')): string {
  const m = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(osRelease);
  return m ? m[1] : 'Linux';
}

/** The first non-internal IPv4 address (the one a kubelet would pick), else 127.0.0.1. */
export function primaryIPv4(): string {
  for (const addrs of Object.values(networkInterfaces())) {
    for (const a of addrs ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

export function hostFacts(dataDir: string, nodeIP?: string): HostFacts {
  let diskBytes = 0;
  try {
    const s = statfsSync(dataDir);
    diskBytes = s.blocks * s.bsize;
  } catch {
    diskBytes = 0;
  }
  return {
    hostname: hostname().toLowerCase(),
    internalIP: nodeIP ?? primaryIPv4(),
    cpuCores: cpus().length,
    memoryKi: memoryKi(),
    diskBytes,
    machineID: readTrim('/etc/machine-id').replace(/-/g, ''),
    bootID: readTrim('/proc/sys/kernel/random/boot_id'),
    kernelVersion: release(),
    osImage: osImage(),
  };
}

/** Capacity and allocatable as the kubelet computes them with its default reservations. */
export function resources(f: HostFacts, maxPods = 110): { capacity: Record<string, string>; allocatable: Record<string, string> } {
  const capacity = {
    cpu: String(f.cpuCores),
    'ephemeral-storage': `${Math.floor(f.diskBytes / 1024)}Ki`,
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${f.memoryKi}Ki`,
    pods: String(maxPods),
  };
  const allocatable = {
    ...capacity,
    'ephemeral-storage': String(Math.floor(f.diskBytes * 0.9)),
    memory: `${Math.max(0, f.memoryKi - 100 * 1024)}Ki`,
  };
  return { capacity, allocatable };
}
