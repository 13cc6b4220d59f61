/**
 * The OCI runtime spec (a bundle's config.json) for one container, with containerd's defaults for
 * Kubernetes pods: the standard /proc /dev /sys mounts, masked and read-only kernel paths, the
 * default capability set, a device cgroup that denies all but runc's standard devices, namespaces
 * joined from the pod sandbox, and cgroup v1/v2 resource limits.
 */
import type { ContainerResources } from '../runtime.js';

export const DEFAULT_CAPABILITIES = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_FSETID', 'CAP_FOWNER', 'CAP_MKNOD', 'CAP_NET_RAW', 'CAP_SETGID',
  'CAP_SETUID', 'CAP_SETFCAP', 'CAP_SETPCAP', 'CAP_NET_BIND_SERVICE', 'CAP_SYS_CHROOT', 'CAP_KILL', 'CAP_AUDIT_WRITE',
];

export const ALL_CAPABILITIES = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_DAC_READ_SEARCH', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL', 'CAP_SETGID',
  'CAP_SETUID', 'CAP_SETPCAP', 'CAP_LINUX_IMMUTABLE', 'CAP_NET_BIND_SERVICE', 'CAP_NET_BROADCAST', 'CAP_NET_ADMIN',
  'CAP_NET_RAW', 'CAP_IPC_LOCK', 'CAP_IPC_OWNER', 'CAP_SYS_MODULE', 'CAP_SYS_RAWIO', 'CAP_SYS_CHROOT',
  'CAP_SYS_PTRACE', 'CAP_SYS_PACCT', 'CAP_SYS_ADMIN', 'CAP_SYS_BOOT', 'CAP_SYS_NICE', 'CAP_SYS_RESOURCE',
  'CAP_SYS_TIME', 'CAP_SYS_TTY_CONFIG', 'CAP_MKNOD', 'CAP_LEASE', 'CAP_AUDIT_WRITE', 'CAP_AUDIT_CONTROL',
  'CAP_SETFCAP', 'CAP_MAC_OVERRIDE', 'CAP_MAC_ADMIN', 'CAP_SYSLOG', 'CAP_WAKE_ALARM', 'CAP_BLOCK_SUSPEND',
  'CAP_AUDIT_READ', 'CAP_PERFMON', 'CAP_BPF', 'CAP_CHECKPOINT_RESTORE',
];

const MASKED_PATHS = [
  '/proc/acpi', '/proc/asound', '/proc/kcore', '/proc/keys', '/proc/latency_stats', '/proc/timer_list',
  '/proc/timer_stats', '/proc/sched_debug', '/sys/firmware', '/proc/scsi',
];
const READONLY_PATHS = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];

export interface OciMount { destination: string; type: string; source: string; options: string[] }

/** A namespace to join (a path), share with the host, or make new. */
export type NamespaceChoice = { path: string } | 'host' | 'new';

export interface SpecInput {
  rootfs: string;
  readonlyRootfs: boolean;
  args: string[];
  env: string[];
  cwd: string;
  user: { uid: number; gid: number; additionalGids: number[] };
  namespaces: { network: NamespaceChoice; ipc: NamespaceChoice; uts: NamespaceChoice; pid: NamespaceChoice };
  /** Set only with a new UTS namespace (a joined one already has the pod's host name). */
  hostname?: string;
  /** Extra mounts (volumes, /etc/hosts, resolv.conf, hostname, /dev/shm), in order. */
  mounts: OciMount[];
  /** Mount a bind of this directory at /dev/shm instead of a private tmpfs. */
  shmPath?: string;
  cgroupsPath: string;
  resources: ContainerResources;
  privileged: boolean;
  capabilities: string[];
  noNewPrivileges: boolean;
  /** Give the process a console (tty: true); `runc run` then needs a terminal of its own. */
  terminal?: boolean;
}

/** Kubernetes' capability names (NET_ADMIN, ALL) applied to the default set. */
export function capabilitySet(add: string[] = [], drop: string[] = [], privileged = false): string[] {
  if (privileged) return ALL_CAPABILITIES.slice();
  const norm = (c: string) => (c.toUpperCase().startsWith('CAP_') ? c.toUpperCase() : `CAP_${c.toUpperCase()}`);
  const addAll = add.some((c) => c.toUpperCase() === 'ALL');
  const dropAll = drop.some((c) => c.toUpperCase() === 'ALL');
  let caps = dropAll ? [] : DEFAULT_CAPABILITIES.filter((c) => !drop.map(norm).includes(c));
  caps = addAll ? ALL_CAPABILITIES.slice() : [...caps, ...add.map(norm).filter((c) => !caps.includes(c))];
  return caps;
}

/** Kubernetes' CPU request in millicores to cgroup v1 cpu.shares (minimum 2), as the kubelet converts it. */
export function milliCPUToShares(milli: number): number {
  if (milli <= 0) return 2;
  return Math.max(2, Math.floor((milli * 1024) / 1000));
}

/** A CPU limit in millicores to a CFS quota for the given period (minimum 1 ms). */
export function milliCPUToQuota(milli: number, periodUs = 100_000): number {
  if (milli <= 0) return 0;
  return Math.max(1000, Math.floor((milli * periodUs) / 1000));
}

export function bindMount(source: string, destination: string, readonly: boolean, propagation = 'rprivate'): OciMount {
  return { destination, type: 'bind', source, options: ['rbind', propagation, readonly ? 'ro' : 'rw'] };
}

export function buildSpec(input: SpecInput): Record<string, unknown> {
  const ns = (type: string, choice: NamespaceChoice) =>
    choice === 'host' ? [] : choice === 'new' ? [{ type }] : [{ type, path: choice.path }];
  const caps = input.capabilities;
  const mounts: OciMount[] = [
    { destination: '/proc', type: 'proc', source: 'proc', options: ['nosuid', 'noexec', 'nodev'] },
    { destination: '/dev', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'] },
    { destination: '/dev/pts', type: 'devpts', source: 'devpts', options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5'] },
    input.shmPath
      ? bindMount(input.shmPath, '/dev/shm', false)
      : { destination: '/dev/shm', type: 'tmpfs', source: 'shm', options: ['nosuid', 'noexec', 'nodev', 'mode=1777', 'size=65536k'] },
    { destination: '/dev/mqueue', type: 'mqueue', source: 'mqueue', options: ['nosuid', 'noexec', 'nodev'] },
    { destination: '/sys', type: 'sysfs', source: 'sysfs', options: ['nosuid', 'noexec', 'nodev', input.privileged ? 'rw' : 'ro'] },
    { destination: '/sys/fs/cgroup', type: 'cgroup', source: 'cgroup', options: ['nosuid', 'noexec', 'nodev', 'relatime', input.privileged ? 'rw' : 'ro'] },
    ...input.mounts,
  ];
  const r = input.resources;
  const resources: Record<string, unknown> = {
    devices: [{ allow: input.privileged, access: 'rwm' }],
  };
  const cpu: Record<string, number> = {};
  if (r.cpuShares !== undefined) cpu.shares = r.cpuShares;
  if (r.cpuQuota !== undefined && r.cpuQuota > 0) {
    cpu.quota = r.cpuQuota;
    cpu.period = r.cpuPeriod ?? 100_000;
  }
  if (Object.keys(cpu).length > 0) resources.cpu = cpu;
  if (r.memoryLimitBytes !== undefined && r.memoryLimitBytes > 0) {
    resources.memory = { limit: r.memoryLimitBytes, swap: r.memoryLimitBytes };
  }
  if (r.pidsLimit !== undefined && r.pidsLimit > 0) resources.pids = { limit: r.pidsLimit };
  return {
    ociVersion: '1.0.2-dev',
    process: {
      terminal: input.terminal === true,
      user: { uid: input.user.uid, gid: input.user.gid, additionalGids: input.user.additionalGids },
      args: input.args,
      env: input.env,
      cwd: input.cwd,
      capabilities: { bounding: caps, effective: caps, permitted: caps },
      noNewPrivileges: input.noNewPrivileges,
      ...(r.oomScoreAdj !== undefined ? { oomScoreAdj: r.oomScoreAdj } : {}),
    },
    root: { path: input.rootfs, readonly: input.readonlyRootfs },
    ...(input.hostname !== undefined ? { hostname: input.hostname } : {}),
    mounts,
    linux: {
      resources,
      cgroupsPath: input.cgroupsPath,
      namespaces: [
        ...ns('pid', input.namespaces.pid),
        ...ns('ipc', input.namespaces.ipc),
        ...ns('uts', input.namespaces.uts),
        { type: 'mount' },
        ...ns('network', input.namespaces.network),
      ],
      ...(input.privileged ? {} : { maskedPaths: MASKED_PATHS, readonlyPaths: READONLY_PATHS }),
    },
  };
}
