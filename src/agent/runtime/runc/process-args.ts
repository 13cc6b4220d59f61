/**
 * How a container's process is put together from the image and the pod, as Kubernetes defines it:
 * command/args versus the image's Entrypoint/Cmd, the environment (HOSTNAME, the image's, then the
 * container's; later names win), the working directory, and the user — image `User` names resolved
 * through the container's own /etc/passwd and /etc/group.
 */
import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContainerConfig, RuntimeImage } from '../runtime.js';

export function processArgs(image: RuntimeImage['config'], command?: string[], args?: string[]): string[] {
  const entrypoint = image.Entrypoint ?? [];
  const cmd = image.Cmd ?? [];
  if (command !== undefined && command.length > 0) return [...command, ...(args ?? [])];
  if (args !== undefined && args.length > 0) return [...entrypoint, ...args];
  return [...entrypoint, ...cmd];
}

export function mergeEnv(hostname: string, image: string[] | undefined, container: ContainerConfig['env']): string[] {
  const order: string[] = [];
  const values = new Map<string, string>();
  const put = (name: string, value: string) => {
    if (!values.has(name)) order.push(name);
    values.set(name, value);
  };
  put('HOSTNAME', hostname);
  for (const kv of image ?? []) {
    const eq = kv.indexOf('=');
    if (eq > 0) put(kv.slice(0, eq), kv.slice(eq + 1));
  }
  for (const e of container ?? []) put(e.name, e.value);
  if (!values.has('PATH')) put('PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
  return order.map((n) => `${n}=${values.get(n)}`);
}

export interface ResolvedUser { uid: number; gid: number; additionalGids: number[] }

/**
 * The process user: runAsUser/runAsGroup win over the image's `User` (`name`, `uid`, `uid:gid`,
 * `name:group`); names are looked up in the container's root file system.
 */
export async function resolveUser(rootfs: string, imageUser: string | undefined, runAsUser?: number,
  runAsGroup?: number, supplementalGroups: number[] = []): Promise<ResolvedUser> {
  const passwd = await readTable(join(rootfs, 'etc', 'passwd'));
  const groups = await readTable(join(rootfs, 'etc', 'group'));
  let uid = 0;
  let gid: number | undefined;
  let userName: string | undefined;
  const spec = (imageUser ?? '').trim();
  if (spec !== '') {
    const [u, g] = spec.split(':', 2) as [string, string | undefined];
    if (/^\d+$/.test(u)) {
      uid = Number(u);
      const row = passwd.find((r) => r[2] === u);
      if (row) { userName = row[0]; gid = Number(row[3]); }
    } else {
      const row = passwd.find((r) => r[0] === u);
      if (!row) throw new Error(`Cannot run the container as "${spec}": no user "${u}" in /etc/passwd`);
      uid = Number(row[2]);
      gid = Number(row[3]);
      userName = u;
    }
    if (g !== undefined && g !== '') {
      if (/^\d+$/.test(g)) gid = Number(g);
      else {
        const row = groups.find((r) => r[0] === g);
        if (!row) throw new Error(`Cannot run the container as "${spec}": no group "${g}" in /etc/group`);
        gid = Number(row[2]);
      }
    }
  }
  if (runAsUser !== undefined) {
    uid = runAsUser;
    const row = passwd.find((r) => r[2] === String(runAsUser));
    userName = row?.[0];
    if (gid === undefined && row) gid = Number(row[3]);
  }
  if (runAsGroup !== undefined) gid = runAsGroup;
  const finalGid = gid ?? 0;
  const additional = new Set<number>();
  if (userName !== undefined) {
    for (const row of groups) {
      const members = (row[3] ?? '').split(',').filter((m) => m !== '');
      if (members.includes(userName)) additional.add(Number(row[2]));
    }
  }
  for (const g of supplementalGroups) additional.add(g);
  additional.delete(finalGid);
  return { uid, gid: finalGid, additionalGids: [...additional].sort((a, b) => a - b) };
}

async function readTable(path: string): Promise<string[][]> {
  try {
    // Read from the host side of the container's root: never follow a link the image planted.
    if ((await lstat(path)).isSymbolicLink()) return [];
    const text = await readFile(path, 'utf8');
    return text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.split(':'));
  } catch {
    return [];
  }
}
