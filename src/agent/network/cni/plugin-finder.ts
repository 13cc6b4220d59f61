/**
 * Finds CNI plugin binaries in the configured directories (first match wins, as CNI_PATH is
 * searched) and says which package provides them when they are missing.
 */
import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';

export const DEFAULT_CNI_BIN_DIRS = ['/usr/lib/cni', '/opt/cni/bin'] as const;

/** The plugins navarch's pod network is made of. */
export const REQUIRED_PLUGINS = ['bridge', 'host-local', 'portmap', 'loopback'] as const;

export interface FoundPlugins {
  /** Plugin type → absolute path of its binary. */
  binaries: Map<string, string>;
  /** The directories that exist, in order: the CNI_PATH given to plugins. */
  searchPath: string[];
}

export async function findPlugins(dirs: readonly string[], types: readonly string[]): Promise<FoundPlugins> {
  const searchPath: string[] = [];
  for (const d of dirs) if (await isAccessible(d, constants.R_OK | constants.X_OK)) searchPath.push(d);
  const binaries = new Map<string, string>();
  const missing: string[] = [];
  for (const t of types) {
    let found: string | undefined;
    for (const d of searchPath) {
      const candidate = join(d, t);
      if (await isAccessible(candidate, constants.X_OK)) {
        found = candidate;
        break;
      }
    }
    if (found) binaries.set(t, found);
    else missing.push(t);
  }
  if (missing.length > 0) {
    const which = missing.map((m) => `"${m}"`).join(', ');
    throw new Error(`Cannot set up pod networking: CNI plugin${missing.length > 1 ? 's' : ''} ${which} not found in ${dirs.join(', ')}; `
      + 'install them with `apt-get install containernetworking-plugins` (Debian/Ubuntu) or put the CNI plugins in /opt/cni/bin');
  }
  return { binaries, searchPath };
}

async function isAccessible(path: string, mode: number): Promise<boolean> {
  try {
    await access(path, mode);
    return true;
  } catch {
    return false;
  }
}
