/**
 * The whole runtime config of one container, put together in the kubelet's order: the runAsNonRoot
 * check against the image's user, the environment, command and args, cgroup limits, security
 * settings, the log path, and the labels that tie the container to its pod. Mounts come from the
 * volumes, which need the environment returned here for subPathExpr.
 */
import type { Container, Pod } from '../../api/types/core/pod/index.js';
import type { ContainerConfig, RuntimeImage } from '../runtime/index.js';
import { commandAndArgs } from './command.js';
import { makeEnvironment, type EnvironmentContext } from './environment.js';
import { containerResources, type ResourceOptions } from './resources.js';
import { containerLogPath } from './sandbox.js';
import { containerSecurity } from './security.js';

export interface ContainerConfigOptions {
  /** Lookups and node facts for the environment. */
  env: EnvironmentContext;
  /** The image's runtime config (Entrypoint, Cmd, User). */
  image: Pick<RuntimeImage, 'config'>;
  /** The container's restart count: the attempt, and the log file's name. */
  attempt: number;
  /** The pod's log directory (SandboxConfig.logDirectory). */
  logDirectory: string;
  resources?: ResourceOptions;
}

export interface ContainerBuild {
  config: ContainerConfig;
  /** The environment by name, for subPathExpr. */
  env: Record<string, string>;
}

/** The container's config; throws CreateContainerConfigError with the kubelet's message. */
export async function containerConfig(pod: Pod, container: Container, opts: ContainerConfigOptions): Promise<ContainerBuild> {
  const name = container.name ?? '';
  const security = containerSecurity(pod, container, opts.image.config.User);
  const env = await makeEnvironment(pod, container, opts.env);
  const { command, args } = commandAndArgs(container, opts.image.config, env);
  const m = pod.metadata;
  const config: ContainerConfig = {
    name,
    attempt: opts.attempt,
    ...(command ? { command } : {}),
    ...(args ? { args } : {}),
    ...(container.workingDir ? { workingDir: container.workingDir } : {}),
    env,
    resources: containerResources(pod, container, opts.resources),
    security,
    logPath: containerLogPath(opts.logDirectory, name, opts.attempt),
    ...(container.stdin ? { stdin: true, ...(container.stdinOnce ? { stdinOnce: true } : {}) } : {}),
    ...(container.tty ? { tty: true } : {}),
    labels: {
      'io.kubernetes.container.name': name,
      'io.kubernetes.pod.name': m.name ?? '',
      'io.kubernetes.pod.namespace': m.namespace ?? '',
      'io.kubernetes.pod.uid': m.uid ?? '',
    },
    annotations: {
      'io.kubernetes.container.restartCount': String(opts.attempt),
      'io.kubernetes.container.terminationMessagePath': container.terminationMessagePath ?? '/dev/termination-log',
      'io.kubernetes.container.terminationMessagePolicy': container.terminationMessagePolicy ?? 'File',
    },
  };
  const byName: Record<string, string> = {};
  for (const e of env) byName[e.name] = e.value;
  return { config, env: byName };
}
