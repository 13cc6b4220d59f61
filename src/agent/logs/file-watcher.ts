/**
 * Waiting for a file to change: an inotify watch (fs.watch) wakes the waiter at once, and a timer
 * wakes it anyway after a while (a notification can be missed, or the watch may not be possible),
 * as the kubelet re-checks a followed log every second.
 */
import { watch, type FSWatcher } from 'node:fs';

export class FileWatcher {
  private watcher?: FSWatcher;
  private changed = false;
  private wake?: () => void;

  constructor(path: string) {
    try {
      this.watcher = watch(path, { persistent: false }, () => this.notify());
      this.watcher.on('error', () => this.close());
    } catch {
      this.watcher = undefined; // polling only
    }
  }

  /** Resolves on the next change (or at once if one came since the last wait), after timeoutMs, or on abort. */
  wait(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.changed || signal?.aborted) {
      this.changed = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.wake = undefined;
        this.changed = false;
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal?.addEventListener('abort', done, { once: true });
      this.wake = done;
    });
  }

  close(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }

  private notify(): void {
    this.changed = true;
    this.wake?.();
  }
}
