/**
 * The host operations the runc runtime needs beyond runc itself: running a command with a time
 * limit, overlayfs root file systems, tmpfs, persistent namespaces (IPC, UTS, network) bound to
 * files as `ip netns` does, a held PID namespace for pods that share one, and cgroup files and
 * directories (v1 hierarchies and the v2 unified one).
 */
import { execFile, spawn } from 'node:child_process';
import { readdir, readFile, rename, rmdir, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

export interface CommandResult { stdout: string; stderr: string }

export class CommandError extends Error {
  constructor(message: string, readonly stderr: string, readonly exitCode: number | null) {
    super(message);
    this.name = 'CommandError';
  }
}

export function runCommand(file: string, args: string[], opts: { timeoutMs?: number; cwd?: string } = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: opts.timeoutMs ?? 30_000, cwd: opts.cwd, maxBuffer: 16 << 20, killSignal: 'SIGKILL' },
      (err, stdout, stderr) => {
        if (err) {
          const code = typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : null;
          const detail = stderr.trim() || err.message;
          reject(new CommandError(`${basename(file)} ${args.slice(0, 3).join(' ')}: ${detail}`, stderr, code));
          return;
        }
        resolve({ stdout, stderr });
      });
  });
}

/** Mounts an overlay of `lowerDirs` (lowest first) with a writable upper directory at `target`. */
export async function mountOverlay(lowerDirs: string[], upper: string, work: string, target: string): Promise<void> {
  if (lowerDirs.length === 0) throw new Error('Cannot mount the root file system: the image has no layers');
  // Lower directories are given relative to their common parent (the layer store), so many layers
  // fit in the one page of mount options the kernel accepts.
  const parent = dirname(lowerDirs[0]!);
  const sameParent = lowerDirs.every((d) => dirname(d) === parent);
  const lower = [...lowerDirs].reverse().map((d) => (sameParent ? basename(d) : d)).join(':');
  const options = `lowerdir=${lower},upperdir=${upper},workdir=${work}`;
  if (options.length > 4000) throw new Error(`Cannot mount the root file system: ${lowerDirs.length} layers are too many for overlayfs`);
  await runCommand('mount', ['-t', 'overlay', 'overlay', '-o', options, target], { cwd: sameParent ? parent : undefined });
}

export async function mountTmpfs(target: string, options: string): Promise<void> {
  await runCommand('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', target]);
}

/** Unmounts if mounted; a busy mount is detached lazily. */
export async function unmount(target: string): Promise<void> {
  if (!(await isMountPoint(target))) return;
  try {
    await runCommand('umount', [target]);
  } catch {
    await runCommand('umount', ['-l', target]);
  }
}

export async function isMountPoint(path: string): Promise<boolean> {
  const text = await readFile('/proc/self/mountinfo', 'utf8');
  const escaped = path.replace(/[\\ \t\n]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
  return text.split('\n').some((line) => line.split(' ')[4] === escaped);
}

export interface NamespaceFiles { ipc?: string; uts?: string; net?: string; pid?: string }

/**
 * Makes new namespaces that live on as bind mounts of the given (empty, existing) files; the UTS one
 * gets `hostname`, the network one its loopback interface up.
 */
export async function createNamespaces(files: NamespaceFiles, hostname: string): Promise<void> {
  const args: string[] = [];
  if (files.ipc) args.push(`--ipc=${files.ipc}`);
  if (files.uts) args.push(`--uts=${files.uts}`);
  if (files.net) args.push(`--net=${files.net}`);
  if (args.length === 0) return;
  const script = [
    files.uts ? 'printf %s "$1" > /proc/sys/kernel/hostname' : 'true',
    files.net ? '{ ip link set lo up 2>/dev/null || true; }' : 'true',
  ].join(' && ');
  await runCommand('unshare', [...args, 'sh', '-c', script, 'sh', hostname], { timeoutMs: 10_000 });
}

export async function releaseNamespaces(files: NamespaceFiles): Promise<void> {
  for (const f of [files.ipc, files.uts, files.net, files.pid]) if (f) await unmount(f);
}

const CGROUP_ROOT = '/sys/fs/cgroup';

/** Every cgroup hierarchy's mount point: the v1 controllers (cpu, memory, …) and the v2 one. */
export async function cgroupHierarchies(): Promise<string[]> {
  const text = await readFile('/proc/self/mountinfo', 'utf8');
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const sep = line.indexOf(' - ');
    if (sep < 0) continue;
    const fstype = line.slice(sep + 3).split(' ')[0];
    if (fstype !== 'cgroup' && fstype !== 'cgroup2') continue;
    const mountPoint = line.split(' ')[4]!;
    if (mountPoint.startsWith(CGROUP_ROOT)) out.push(mountPoint);
  }
  return out;
}

/** Whether this host runs cgroup v2 only (unified), as opposed to v1 or hybrid. */
export async function isCgroupV2Unified(): Promise<boolean> {
  try {
    await readFile(join(CGROUP_ROOT, 'cgroup.controllers'), 'utf8');
    return true;
  } catch {
    return false;
  }
}

/** Reads a cgroup file of a cgroup path (v1: under the controller's hierarchy). */
export async function readCgroupFile(cgroupsPath: string, controller: string, file: string): Promise<string | undefined> {
  const candidates = (await isCgroupV2Unified())
    ? [join(CGROUP_ROOT, cgroupsPath, file)]
    : [join(CGROUP_ROOT, controller, cgroupsPath, file)];
  for (const c of candidates) {
    try {
      return await readFile(c, 'utf8');
    } catch { /* next */ }
  }
  return undefined;
}

/** How often the kernel's OOM killer fired in the cgroup (v1 memory.oom_control, v2 memory.events). */
export async function oomKillCount(cgroupsPath: string): Promise<number> {
  const v1 = await readCgroupFile(cgroupsPath, 'memory', 'memory.oom_control');
  const v2 = v1 === undefined ? await readCgroupFile(cgroupsPath, 'memory', 'memory.events') : undefined;
  const m = /(?:^|\n)oom_kill (\d+)/.exec(v1 ?? v2 ?? '');
  return m ? Number(m[1]) : 0;
}

/** Removes a cgroup directory (and its empty ancestors up to, not including, `stopAt`) everywhere. */
export async function removeCgroup(cgroupsPath: string, stopAt = '/'): Promise<void> {
  for (const h of await cgroupHierarchies()) {
    let p = cgroupsPath;
    while (p !== '/' && p !== '' && p !== stopAt) {
      try {
        await rmCgroupTree(join(h, p));
      } catch {
        break;
      }
      p = dirname(p);
    }
  }
}

async function rmCgroupTree(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir, { withFileTypes: true }).then((es) => es.filter((e) => e.isDirectory()).map((e) => e.name));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  for (const e of entries) await rmCgroupTree(join(dir, e));
  await rmdir(dir);
}

export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const tmp = `${path}.partial-${process.pid}`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

/**
 * Starts the process that holds a pod's shared PID namespace (shareProcessNamespace), bound to the
 * (empty, existing) file `nsFile`: `unshare --pid=<file> --kill-child` and, as PID 1 inside, a shell
 * that only waits (and so reaps the orphans the namespace's containers leave). It runs in its own
 * session, outliving the agent; killing the returned pid (unshare) ends the namespace.
 */
export async function startPidHolder(nsFile: string): Promise<number> {
  const child = spawn('unshare', ['--pid=' + nsFile, '--kill-child', 'sh', '-c', 'trap "" TERM INT HUP; while :; do sleep 2147483647 & wait; done'], {
    detached: true, stdio: 'ignore',
  });
  child.on('error', () => undefined);
  const pid = child.pid;
  child.unref();
  if (pid === undefined) throw new Error('Cannot start the PID namespace holder: unshare did not start');
  // The namespace file is bound once unshare has made the namespace and forked PID 1.
  const deadline = Date.now() + 10_000;
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    if (await isMountPoint(nsFile) && await pidOneRuns(pid)) return pid;
    if (Date.now() > deadline) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
      throw new Error('Cannot start the PID namespace holder: its namespace did not appear within 10s');
    }
    await new Promise((r) => setTimeout(r, delay));
  }
}

/** Whether unshare (pid) has forked the namespace's PID 1 yet. */
async function pidOneRuns(pid: number): Promise<boolean> {
  try {
    const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8');
    return children.trim().length > 0;
  } catch {
    return false;
  }
}

/** Ends a PID namespace holder (if it is still the process we started: its command line says so). */
export async function stopPidHolder(pid: number): Promise<void> {
  try {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    if (!cmdline.startsWith('unshare\0--pid=')) return;
    process.kill(pid, 'SIGKILL');
  } catch { /* already gone */ }
}
