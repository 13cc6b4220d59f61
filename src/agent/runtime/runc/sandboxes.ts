/**
 * Pod sandboxes without a pause process: the namespaces a pod's containers share (IPC, UTS with the
 * pod's host name, and network unless the pod uses the host's or a given one) live on as bind-mounted
 * namespace files; a pod sharing its process namespace gets a small holder process as that PID
 * namespace's init (a PID namespace ends with its init); /dev/shm is a tmpfs of the pod; hostname,
 * resolv.conf and a default hosts file are written for containers to mount. `sandboxes/<id>/sandbox.json` keeps it all across agent restarts.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SandboxConfig, SandboxStatus } from '../runtime.js';
import {
  createNamespaces, mountTmpfs, releaseNamespaces, removeCgroup, startPidHolder, stopPidHolder, unmount, writeFileAtomic, type NamespaceFiles,
} from './host.js';

export interface SandboxRecord {
  id: string;
  config: SandboxConfig;
  createdAt: string;
  dir: string;
  /** Network namespace to join: made here (owned) or given; undefined for host networking. */
  netnsPath?: string;
  ownsNetns: boolean;
  namespaces: NamespaceFiles;
  /** The process holding the shared PID namespace (namespaces.pid), for shareProcessNamespace pods. */
  pidHolder?: number;
  /** /dev/shm source, or undefined to use the host's (hostIPC). */
  shmDir?: string;
  cgroupParent: string;
  files: { hostname: string; resolvConf: string; hosts: string };
}

const DEFAULT_HOSTS = `127.0.0.1\tlocalhost
::1\tlocalhost ip6-localhost ip6-loopback
fe00::0\tip6-localnet
fe00::0\tip6-mcastprefix
fe00::1\tip6-allnodes
fe00::2\tip6-allrouters
`;

export class Sandboxes {
  private readonly records = new Map<string, SandboxRecord>();

  constructor(private readonly root: string, private readonly cgroupRoot: string) {}

  private get base(): string {
    return join(this.root, 'sandboxes');
  }

  async load(): Promise<void> {
    await mkdir(this.base, { recursive: true });
    for (const id of await readdir(this.base)) {
      try {
        const rec = JSON.parse(await readFile(join(this.base, id, 'sandbox.json'), 'utf8')) as SandboxRecord;
        this.records.set(rec.id, rec);
      } catch {
        // a sandbox whose creation never finished: nothing of it is in use
        await this.cleanup(join(this.base, id), undefined).catch(() => undefined);
      }
    }
  }

  get(id: string): SandboxRecord | undefined {
    return this.records.get(id);
  }

  list(): SandboxRecord[] {
    return [...this.records.values()];
  }

  status(rec: SandboxRecord): SandboxStatus {
    return {
      id: rec.id, config: rec.config, state: 'ready', createdAt: rec.createdAt,
      ...(rec.netnsPath !== undefined ? { netnsPath: rec.netnsPath } : {}),
    };
  }

  async create(config: SandboxConfig): Promise<SandboxRecord> {
    const id = randomBytes(32).toString('hex');
    const dir = join(this.base, id);
    await mkdir(dir, { recursive: true });
    const rec: SandboxRecord = {
      id, config, createdAt: new Date().toISOString(), dir, ownsNetns: false, namespaces: {},
      cgroupParent: config.cgroupParent ?? `${this.cgroupRoot}/pod${config.uid}`,
      files: { hostname: join(dir, 'hostname'), resolvConf: join(dir, 'resolv.conf'), hosts: join(dir, 'hosts') },
    };
    try {
      await writeFile(rec.files.hostname, `${config.hostname}\n`);
      if (config.dns) await writeFile(rec.files.resolvConf, resolvConf(config.dns));
      else await copyFile('/etc/resolv.conf', rec.files.resolvConf).catch(() => writeFile(rec.files.resolvConf, ''));
      await writeFile(rec.files.hosts, DEFAULT_HOSTS);
      if (!config.hostIPC) {
        rec.shmDir = join(dir, 'shm');
        await mkdir(rec.shmDir);
        await mountTmpfs(rec.shmDir, 'nosuid,nodev,noexec,mode=1777,size=65536k');
        rec.namespaces.ipc = join(dir, 'ns-ipc');
      }
      if (!config.hostNetwork) {
        rec.namespaces.uts = join(dir, 'ns-uts');
        if (config.netnsPath) rec.netnsPath = config.netnsPath;
        else {
          rec.namespaces.net = join(dir, 'ns-net');
          rec.netnsPath = rec.namespaces.net;
          rec.ownsNetns = true;
        }
      }
      for (const f of [rec.namespaces.ipc, rec.namespaces.uts, rec.namespaces.net]) if (f) await writeFile(f, '');
      await createNamespaces(rec.namespaces, config.hostname);
      if (config.sharePid && !config.hostPID) {
        rec.namespaces.pid = join(dir, 'ns-pid');
        await writeFile(rec.namespaces.pid, '');
        rec.pidHolder = await startPidHolder(rec.namespaces.pid);
      }
      await writeFileAtomic(join(dir, 'sandbox.json'), JSON.stringify(rec, null, 1));
    } catch (err) {
      await this.cleanup(dir, rec).catch(() => undefined);
      throw new Error(`Cannot create the pod sandbox: ${(err as Error).message}`);
    }
    this.records.set(id, rec);
    return rec;
  }

  /** Releases what the sandbox holds; its containers must be gone already. */
  async remove(id: string): Promise<void> {
    const rec = this.records.get(id);
    if (rec === undefined) return;
    await this.cleanup(rec.dir, rec);
    this.records.delete(id);
  }

  private async cleanup(dir: string, rec: SandboxRecord | undefined): Promise<void> {
    const files: NamespaceFiles = rec?.namespaces ?? {
      ipc: join(dir, 'ns-ipc'), uts: join(dir, 'ns-uts'), net: join(dir, 'ns-net'), pid: join(dir, 'ns-pid'),
    };
    if (rec?.pidHolder !== undefined) await stopPidHolder(rec.pidHolder);
    await releaseNamespaces(files);
    await unmount(join(dir, 'shm'));
    if (rec) await removeCgroup(rec.cgroupParent, this.cgroupRoot);
    await rm(dir, { recursive: true, force: true });
  }
}

function resolvConf(dns: NonNullable<SandboxConfig['dns']>): string {
  const lines: string[] = [];
  if (dns.searches.length > 0) lines.push(`search ${dns.searches.join(' ')}`);
  for (const s of dns.servers) lines.push(`nameserver ${s}`);
  if (dns.options.length > 0) lines.push(`options ${dns.options.join(' ')}`);
  return `${lines.join('\n')}\n`;
}
