/**
 * What the agent remembers of each pod's attachment, as libcni's result cache does: the exact
 * configuration, arguments and ADD result, so that DEL gets what ADD got even after the agent
 * restarted, the configuration changed or the pod's namespace disappeared. One JSON file per
 * attachment under `<dataDir>/cni/results/`; written before ADD (so a crash mid-ADD can still be
 * cleaned up) and completed with the result after it.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NetworkConfigList } from './conflist.js';

export interface CachedAttachment {
  kind: 'NavarchCniAttachment';
  version: 1;
  networkName: string;
  sandboxId: string;
  ifName: string;
  netnsPath: string;
  /** CNI_ARGS as given to ADD. */
  args: string;
  capabilityArgs: Record<string, unknown>;
  config: NetworkConfigList;
  /** The final ADD result; absent while ADD runs or when it failed half-way. */
  result?: unknown;
}

export class ResultCache {
  constructor(private readonly dir: string) {}

  private file(networkName: string, sandboxId: string, ifName: string): string {
    return join(this.dir, `${networkName}-${sandboxId}-${ifName}.json`);
  }

  async write(a: CachedAttachment): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const path = this.file(a.networkName, a.sandboxId, a.ifName);
    const tmp = `${path}.tmp-${process.pid}`;
    await writeFile(tmp, JSON.stringify(a, null, 1));
    await rename(tmp, path);
  }

  async read(networkName: string, sandboxId: string, ifName: string): Promise<CachedAttachment | undefined> {
    let text: string;
    try {
      text = await readFile(this.file(networkName, sandboxId, ifName), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    return parse(text);
  }

  async remove(networkName: string, sandboxId: string, ifName: string): Promise<void> {
    await rm(this.file(networkName, sandboxId, ifName), { force: true });
  }

  /** Every readable attachment of the network. */
  async list(networkName: string): Promise<CachedAttachment[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const out: CachedAttachment[] = [];
    for (const n of names) {
      if (!n.startsWith(`${networkName}-`) || !n.endsWith('.json')) continue;
      const a = parse(await readFile(join(this.dir, n), 'utf8').catch(() => ''));
      if (a && a.networkName === networkName) out.push(a);
    }
    return out;
  }
}

function parse(text: string): CachedAttachment | undefined {
  try {
    const a = JSON.parse(text) as Partial<CachedAttachment>;
    if (a.kind !== 'NavarchCniAttachment' || typeof a.sandboxId !== 'string' || typeof a.config !== 'object') return undefined;
    return a as CachedAttachment;
  } catch {
    return undefined;
  }
}
