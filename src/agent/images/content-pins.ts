/**
 * Content being stored for an image not recorded yet (a pull or an import under way), which prune
 * must not delete. Each process keeps its own pins in memory and in `pins/<pid>.json` under the
 * store, so a prune in another process (the agent's image GC, `navarch images rm`) sees them too;
 * the files of processes that are gone are ignored and removed.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { processAlive } from './images-file.js';

export class ContentPins {
  private readonly counts = new Map<string, number>();

  constructor(readonly dir: string) {}

  private get ownFile(): string {
    return join(this.dir, `${process.pid}.json`);
  }

  /** Pins digests (blobs) and diffIDs (layers); call the result to release them. */
  pin(keys: Iterable<string>): () => void {
    const list = [...new Set(keys)];
    for (const k of list) this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
    this.persist();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const k of list) {
        const n = (this.counts.get(k) ?? 1) - 1;
        if (n <= 0) this.counts.delete(k);
        else this.counts.set(k, n);
      }
      this.persist();
    };
  }

  /** What this process and every other live process have pinned right now. */
  all(): Set<string> {
    const out = new Set(this.counts.keys());
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return out;
    }
    for (const name of names) {
      const m = /^(\d+)\.json$/.exec(name);
      if (!m || Number(m[1]) === process.pid) continue;
      if (!processAlive(Number(m[1]))) {
        rmSync(join(this.dir, name), { force: true });
        continue;
      }
      try {
        const keys = JSON.parse(readFileSync(join(this.dir, name), 'utf8')) as unknown;
        if (Array.isArray(keys)) for (const k of keys) if (typeof k === 'string') out.add(k);
      } catch { /* being rewritten: its owner renames a complete file into place */ }
    }
    return out;
  }

  private persist(): void {
    if (this.counts.size === 0) {
      rmSync(this.ownFile, { force: true });
      return;
    }
    mkdirSync(this.dir, { recursive: true });
    const tmp = `${this.ownFile}.partial`;
    writeFileSync(tmp, JSON.stringify([...this.counts.keys()]));
    renameSync(tmp, this.ownFile);
  }
}
