/**
 * Runs a CNI network configuration list the way the CNI 1.0 specification has a runtime do it: ADD
 * plugin by plugin, each given the previous plugin's result as `prevResult`; DEL in reverse order,
 * each given the cached final ADD result. Each plugin's configuration is derived from the list:
 * the list's name and cniVersion, and the runtime arguments it declares as `capabilities` in
 * `runtimeConfig`.
 */
import { execPlugin, type CniCommand } from './plugin-exec.js';
import type { NetworkConfig, NetworkConfigList, PluginConf } from './conflist.js';

export interface PluginRunner {
  /** Plugin type → binary. */
  binaries: ReadonlyMap<string, string>;
  /** CNI_PATH. */
  searchPath: string[];
  timeoutMs?: number;
}

export interface RuntimeConf {
  containerId: string;
  /** Network namespace path; '' on DEL when the namespace is already gone. */
  netns: string;
  ifName: string;
  /** CNI_ARGS, e.g. `IgnoreUnknown=1;K8S_POD_NAMESPACE=default;…`. */
  args: string;
  /** Values of capability arguments (e.g. portMappings), given to plugins that declare them. */
  capabilityArgs: Record<string, unknown>;
}

/** The configuration one plugin of the list is executed with. */
export function pluginExecConfig(list: NetworkConfigList, plugin: PluginConf, capabilityArgs: Record<string, unknown>, prevResult: unknown): NetworkConfig {
  const conf: NetworkConfig = { ...plugin, cniVersion: list.cniVersion, name: list.name };
  const runtimeConfig: Record<string, unknown> = {};
  for (const [cap, enabled] of Object.entries(plugin.capabilities ?? {})) {
    if (enabled && capabilityArgs[cap] !== undefined) runtimeConfig[cap] = capabilityArgs[cap];
  }
  if (Object.keys(runtimeConfig).length > 0) conf.runtimeConfig = runtimeConfig;
  if (prevResult !== undefined) conf.prevResult = prevResult;
  return conf;
}

async function run(runner: PluginRunner, command: CniCommand, conf: NetworkConfig, rt: RuntimeConf): Promise<unknown> {
  const binary = runner.binaries.get(conf.type);
  if (binary === undefined) throw new Error(`Cannot run CNI plugin "${conf.type}": it was not found at start`);
  return execPlugin({
    binary, command, containerId: rt.containerId, netns: rt.netns, ifName: rt.ifName, args: rt.args,
    path: runner.searchPath, config: conf, timeoutMs: runner.timeoutMs,
  });
}

/** ADD for the whole list; resolves with the final result. */
export async function addNetworkList(runner: PluginRunner, list: NetworkConfigList, rt: RuntimeConf): Promise<unknown> {
  let prev: unknown;
  for (const plugin of list.plugins) {
    const out = await run(runner, 'ADD', pluginExecConfig(list, plugin, rt.capabilityArgs, prev), rt);
    // A plugin must print a result; keep the previous one should it print nothing.
    if (out !== undefined) prev = out;
  }
  return prev;
}

/**
 * DEL for the whole list, last plugin first. Every plugin runs even if one fails (so an address is
 * released even when a port mapping cannot be removed); the first failure is then thrown.
 */
export async function delNetworkList(runner: PluginRunner, list: NetworkConfigList, rt: RuntimeConf, cachedResult: unknown): Promise<void> {
  const errors: Error[] = [];
  for (const plugin of [...list.plugins].reverse()) {
    try {
      await run(runner, 'DEL', pluginExecConfig(list, plugin, rt.capabilityArgs, cachedResult), rt);
    } catch (err) {
      errors.push(err as Error);
    }
  }
  if (errors.length === 1) throw errors[0]!;
  if (errors.length > 1) throw new AggregateError(errors, errors.map((e) => e.message).join('; '));
}

/** ADD or DEL of a single-plugin network (loopback). */
export async function runNetwork(runner: PluginRunner, command: 'ADD' | 'DEL', conf: NetworkConfig, rt: RuntimeConf): Promise<unknown> {
  return run(runner, command, conf, rt);
}
