/**
 * `images.json`, the record of a node's images, shared by every process that works on the data
 * directory: the running agent and `navarch images` commands. Readers notice a newer file by its
 * identity (inode, mtime, size) and read it again; writers take `images.json.lock` (created
 * exclusively, holding the writer's pid; a lock whose process is gone is taken over), read the
 * newest records, change them and rename a new file into place, so no process loses another's write.
 */
import { readFileSync, statSync } from 'node:fs';
import { open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import type { ImageRecord } from './image-record.js';

const LOCK_WAIT_MS = 30_000;
const LOCK_POLL_MS = 20;
/** A lock file with no pid in it yet is another writer's, unless it is this old. */
const EMPTY_LOCK_STALE_MS = 5_000;

export class ImagesFile {
  /** The identity of the file last read or written ('' before the first read). */
  private seen = '';
  private chain: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string) {}

  get lockPath(): string {
    return `${this.path}.lock`;
  }

  /** The records on disk (none when the file does not exist yet); a corrupt file throws. */
  async read(): Promise<ImageRecord[]> {
    const sig = identity(this.path);
    if (sig === 'absent') {
      this.seen = sig;
      return [];
    }
    const images = parse(await readFile(this.path, 'utf8'), this.path);
    this.seen = sig;
    return images;
  }

  /** The records, if the file changed since it was last read or written here; otherwise undefined. */
  readIfChanged(): ImageRecord[] | undefined {
    const sig = identity(this.path);
    if (sig === this.seen) return undefined;
    if (sig === 'absent') {
      this.seen = sig;
      return [];
    }
    try {
      const images = parse(readFileSync(this.path, 'utf8'), this.path);
      this.seen = sig;
      return images;
    } catch {
      return undefined; // replaced while reading, or damaged: keep what we have, try again next time
    }
  }

  /**
   * Under the lock: reads the newest records, lets `change` edit them, and writes the result unless
   * `change` returns undefined. Resolves with the records now on disk.
   */
  update(change: (images: ImageRecord[]) => ImageRecord[] | undefined | Promise<ImageRecord[] | undefined>): Promise<ImageRecord[]> {
    const next = this.chain.then(async () => {
      await this.lock();
      try {
        const current = await this.read();
        const changed = await change(current);
        if (changed === undefined) return current;
        const tmp = `${this.path}.partial-${process.pid}-${Math.random().toString(36).slice(2)}`;
        try {
          await writeFile(tmp, JSON.stringify({ images: changed }, null, 1));
          await rename(tmp, this.path);
        } catch (err) {
          await rm(tmp, { force: true });
          throw err;
        }
        this.seen = identity(this.path);
        return changed;
      } finally {
        await rm(this.lockPath, { force: true });
      }
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async lock(): Promise<void> {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        const fh = await open(this.lockPath, 'wx', 0o644);
        try {
          await fh.writeFile(String(process.pid));
        } finally {
          await fh.close();
        }
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = await lockHolder(this.lockPath);
      if (holder === 'stale') {
        await rm(this.lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`Cannot update ${this.path}: ${this.lockPath} is held by process ${holder} `
          + '(remove that file if no navarch process is running)');
      }
      await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
    }
  }
}

/** The pid holding a lock file, or 'stale' when that process is gone. */
async function lockHolder(path: string): Promise<number | 'stale' | 'unknown'> {
  try {
    const text = (await readFile(path, 'utf8')).trim();
    const pid = Number(text);
    if (text === '' || !Number.isInteger(pid) || pid <= 0) {
      const st = await stat(path);
      return Date.now() - st.mtimeMs > EMPTY_LOCK_STALE_MS ? 'stale' : 'unknown';
    }
    return processAlive(pid) ? pid : 'stale';
  } catch {
    return 'unknown'; // released between our attempt and this read: try again
  }
}

/** Whether a process exists (one owned by another user counts). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function identity(path: string): string {
  try {
    const st = statSync(path);
    return `${st.ino}:${st.mtimeMs}:${st.size}`;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw err;
  }
}

function parse(text: string, path: string): ImageRecord[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error(`Cannot read ${path}: it is not JSON`);
  }
  const images = (doc as { images?: unknown } | null)?.images;
  return Array.isArray(images) ? (images as ImageRecord[]) : [];
}
