/**
 * One container's OCI spec from its pod sandbox, its config and its image: the process (command,
 * environment, working directory, user resolved in the container's own files), the sandbox's files
 * and namespaces, volume mounts, resources and security settings.
 */
import type { ContainerConfig, RuntimeImage } from '../runtime.js';
import { bindMount, buildSpec, capabilitySet, type NamespaceChoice, type OciMount } from './oci-spec.js';
import { mergeEnv, processArgs, resolveUser } from './process-args.js';
import type { SandboxRecord } from './sandboxes.js';

/** The PID namespace: another container's (given as a namespace file), the pod's shared one, the host's, or its own. */
function pidNamespace(sb: SandboxRecord, joinPid: string | undefined): NamespaceChoice {
  if (joinPid) return { path: joinPid };
  if (sb.config.hostPID) return 'host';
  if (sb.namespaces.pid) return { path: sb.namespaces.pid };
  return 'new';
}

/** `joinPid`: the PID namespace file of the container an ephemeral container targets. */
export async function containerSpec(sb: SandboxRecord, config: ContainerConfig, image: RuntimeImage, rootfs: string,
  cgroupsPath: string, joinPid?: string): Promise<Record<string, unknown>> {
  const sec = config.security ?? {};
  const args = processArgs(image.config, config.command, config.args);
  if (args.length === 0) throw new Error('failed to generate container spec: no command specified');
  const user = await resolveUser(rootfs, image.config.User, sec.runAsUser, sec.runAsGroup, sec.supplementalGroups);
  const own = new Set((config.mounts ?? []).map((m) => m.containerPath));
  const mounts: OciMount[] = [];
  const sandboxFile = (src: string, dst: string) => { if (!own.has(dst)) mounts.push(bindMount(src, dst, !!sec.readonlyRootfs)); };
  sandboxFile(sb.files.hostname, '/etc/hostname');
  sandboxFile(sb.files.hosts, '/etc/hosts');
  sandboxFile(sb.files.resolvConf, '/etc/resolv.conf');
  for (const m of config.mounts ?? []) {
    const prop = m.propagation === 'rshared' ? 'rshared' : m.propagation === 'rslave' ? 'rslave' : 'rprivate';
    mounts.push(bindMount(m.hostPath, m.containerPath, !!m.readonly, prop));
  }
  return buildSpec({
    rootfs,
    readonlyRootfs: !!sec.readonlyRootfs,
    args,
    env: config.tty && !(config.env ?? []).some((e) => e.name === 'TERM')
      ? mergeEnv(sb.config.hostname, image.config.Env, [...(config.env ?? []), { name: 'TERM', value: 'xterm' }])
      : mergeEnv(sb.config.hostname, image.config.Env, config.env),
    cwd: config.workingDir || image.config.WorkingDir || '/',
    user,
    namespaces: {
      network: sb.netnsPath ? { path: sb.netnsPath } : 'host',
      ipc: sb.namespaces.ipc ? { path: sb.namespaces.ipc } : 'host',
      uts: sb.namespaces.uts ? { path: sb.namespaces.uts } : 'host',
      pid: pidNamespace(sb, joinPid),
    },
    mounts,
    ...(sb.shmDir ? { shmPath: sb.shmDir } : {}),
    cgroupsPath,
    resources: config.resources ?? {},
    privileged: !!sec.privileged,
    capabilities: capabilitySet(sec.capabilities?.add, sec.capabilities?.drop, !!sec.privileged),
    noNewPrivileges: sec.noNewPrivileges ?? false,
    ...(config.tty ? { terminal: true } : {}),
  });
}
