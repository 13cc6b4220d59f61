/**
 * A watch on etcd through the etcd3 client. Resumes after reconnects from the last delivered revision
 * (not the client's header-based guess), maps compaction cancels to CompactedError, and asks etcd
 * for the previous value of every event.
 */
import type { Etcd3, IWatchResponse, Watcher } from 'etcd3';
import type { WatchCallbacks, WatchHandle } from '../backend.js';
import { CompactedError } from '../errors.js';
import type { CompactTracker } from './compact-tracker.js';
import { isCompactedError, keyBytes, prefixEndBytes, toWatchEvent } from './convert.js';

export function watchEtcd(
  client: Etcd3,
  tracker: CompactTracker,
  prefix: string,
  afterRev: number,
  cb: WatchCallbacks,
): WatchHandle {
  let lastRev = afterRev;
  let done = false;
  const watcher: Watcher = client
    .watch()
    .inRange({ start: keyBytes(prefix), end: prefixEndBytes(prefix) })
    .withPreviousKV()
    .startRevision(String(afterRev + 1))
    .watcher();

  const stop = (): void => {
    if (done) return;
    done = true;
    watcher.removeAllListeners();
    watcher.on('error', () => undefined);
    watcher.cancel().catch(() => undefined);
  };

  const fail = async (err: Error): Promise<void> => {
    if (done) return;
    stop();
    cb.onError(await explainCancel(tracker, lastRev, err));
  };

  watcher.on('connecting', () => {
    watcher.request.start_revision = lastRev + 1;
  });
  watcher.on('data', (res: IWatchResponse) => {
    if (done || res.events.length === 0) return;
    const events = res.events.map(toWatchEvent).filter((e) => e.revision > lastRev);
    if (events.length === 0) return;
    lastRev = events[events.length - 1].revision;
    try {
      cb.onEvents(events);
    } catch (err) {
      void fail(err instanceof Error ? err : new Error(String(err)));
    }
  });
  watcher.on('error', (err: Error) => void fail(err));

  return { cancel: stop };
}

/**
 * The error to report for a canceled watch. etcd 3.4 cancels a watch whose start revision was
 * compacted without a reason (3.5 says "required revision has been compacted"), so an unexplained
 * cancel is checked against the compacted revision.
 */
async function explainCancel(tracker: CompactTracker, lastRev: number, err: Error): Promise<Error> {
  const compaction = isCompactedError(err);
  if (!compaction && !/^Watcher canceled:\s*$/.test(err.message)) return err;
  if (compaction) tracker.note(lastRev + 2);
  const compacted = await tracker.resolve().catch(() => undefined);
  if (compacted === undefined) return err;
  return compacted > lastRev + 1 ? new CompactedError(lastRev, compacted) : err;
}
