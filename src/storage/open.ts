/**
 * Opens a backend from a URL: sqlite://PATH (absolute sqlite:///var/lib/x.db or relative
 * sqlite://data/x.db), memory://, or etcd://HOST:PORT[,HOST:PORT…]. Drivers load lazily, so a
 * server on SQLite never loads the gRPC client and vice versa.
 */
import type { Backend } from './backend.js';
import { withAutoCompaction } from './auto-compaction.js';

export async function openBackend(url: string): Promise<Backend> {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(url);
  if (!match) throw new Error(`Cannot open store ${JSON.stringify(url)}: expected sqlite://PATH, etcd://HOST:PORT or memory://`);
  const scheme = match[1].toLowerCase();
  const rest = match[2];
  switch (scheme) {
    case 'sqlite': {
      if (rest === '') throw new Error(`Cannot open store ${url}: sqlite:// needs a file path`);
      const { openSqliteBackend } = await import('./sqlite/index.js');
      return openSqliteBackend(rest);
    }
    case 'memory': {
      const { openMemoryBackend } = await import('./memory/index.js');
      return openMemoryBackend();
    }
    case 'etcd': {
      const endpoints = rest.replace(/\/+$/, '').split(',').map((e) => e.trim()).filter((e) => e !== '');
      if (endpoints.length === 0) throw new Error(`Cannot open store ${url}: etcd:// needs HOST:PORT[,HOST:PORT…]`);
      const { openEtcdBackend } = await import('./etcd/index.js');
      return withAutoCompaction(await openEtcdBackend(endpoints));
    }
    default:
      throw new Error(`Cannot open store ${url}: unknown scheme ${scheme}:// (use sqlite://, etcd:// or memory://)`);
  }
}
