/**
 * A container's process arguments: `command` and `args` with `$(VAR)` references expanded against
 * the container's environment, then combined with the image as Kubernetes defines it — command
 * replaces the image's Entrypoint (and drops its Cmd), args alone replace the Cmd, neither keeps
 * both.
 */
import type { Container } from '../../api/types/core/pod/index.js';
import type { RuntimeImage } from '../runtime/index.js';
import { expand, mappingFor } from './expansion.js';
import type { EnvVar } from './types.js';

export interface CommandAndArgs {
  /** The container's command and args, expanded (undefined when the container sets none). */
  command?: string[];
  args?: string[];
  /** The process's full argument list (empty when neither the container nor the image gives one). */
  argv: string[];
}

export function commandAndArgs(container: Pick<Container, 'command' | 'args'>, image: Pick<RuntimeImage['config'], 'Entrypoint' | 'Cmd'>, env: readonly EnvVar[]): CommandAndArgs {
  const vars = new Map<string, string>();
  for (const e of env) vars.set(e.name, e.value);
  const mapping = mappingFor(vars);
  const command = container.command?.length ? container.command.map((c) => expand(c, mapping)) : undefined;
  const args = container.args?.length ? container.args.map((a) => expand(a, mapping)) : undefined;
  const entrypoint = image.Entrypoint ?? [];
  const cmd = image.Cmd ?? [];
  let argv: string[];
  if (command) argv = [...command, ...(args ?? [])];
  else if (args) argv = [...entrypoint, ...args];
  else argv = [...entrypoint, ...cmd];
  return { ...(command ? { command } : {}), ...(args ? { args } : {}), argv };
}
