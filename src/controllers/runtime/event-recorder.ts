/**
 * EventRecorder: writes core/v1 Events about objects, as client-go's recorder does. Events are
 * named `<object name>.<hex nanoseconds>` in the object's namespace ("default" for cluster-scoped
 * objects). A repeat of an event — same source, involved object, type, reason and message — does
 * not make a new Event: the first one's count goes up and its lastTimestamp moves, by a strategic
 * merge PATCH. Writes happen in the background, in order; flush() waits for them.
 */
import { StatusError, type KObject } from '../../api/index.js';
import { EVENTS, isNotFound, sleep, type Clientset, type ResourceClient } from '../../client/index.js';
import { rfc3339 } from './micro-time.js';

export interface EventSource { component: string; host?: string }

export interface ObjectReference {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export type EventType = 'Normal' | 'Warning';

export interface CoreEvent extends KObject {
  involvedObject: ObjectReference;
  reason?: string;
  message?: string;
  source?: EventSource;
  firstTimestamp?: string;
  lastTimestamp?: string;
  count?: number;
  type?: string;
  reportingComponent?: string;
  reportingInstance?: string;
}

export interface EventRecorderOptions {
  /** How many distinct events are remembered for de-duplication (least recently seen go first). */
  cacheSize?: number;
  /** A repeat later than this after the last occurrence starts a new Event (default: no limit, as Kubernetes). */
  windowMs?: number;
  log?: (line: string) => void;
}

interface Seen { name: string; namespace: string; count: number; firstTimestamp: string; lastSeen: number }

interface Pending { ref: ObjectReference; type: EventType; reason: string; message: string; at: Date }

export class EventRecorder {
  private readonly events: ResourceClient<CoreEvent>;
  private readonly seen = new Map<string, Seen>();
  private readonly cacheSize: number;
  private readonly log: (line: string) => void;
  private chain: Promise<void> = Promise.resolve();
  private seq = 0;

  constructor(clientset: Clientset, readonly source: EventSource, private readonly opts: EventRecorderOptions = {}) {
    this.events = clientset.resource<CoreEvent>(EVENTS);
    this.cacheSize = opts.cacheSize ?? 4096;
    this.log = opts.log ?? ((line) => process.stderr.write(`${line}\n`));
  }

  /** Records an event about obj (an object or a reference to one). Never throws; failures are logged. */
  event(obj: KObject | ObjectReference, type: EventType, reason: string, message: string): void {
    const ref = referenceTo(obj);
    const p: Pending = { ref, type, reason, message, at: new Date() };
    this.chain = this.chain.then(() => this.write(p)).catch((err: Error) => {
      this.log(`event recorder: cannot record ${reason} for ${ref.kind ?? ''}/${ref.name ?? ''}: ${err.message}`);
    });
  }

  /** Resolves when every event recorded so far has been written (or given up on). */
  flush(): Promise<void> {
    return this.chain;
  }

  private async write(p: Pending): Promise<void> {
    const key = [this.source.component, this.source.host ?? '', p.ref.kind, p.ref.namespace, p.ref.name, p.ref.fieldPath,
      p.ref.uid, p.ref.apiVersion, p.type, p.reason, p.message].join('\u0000');
    const last = this.seen.get(key);
    const ts = rfc3339(p.at);
    if (last && (this.opts.windowMs === undefined || p.at.getTime() - last.lastSeen <= this.opts.windowMs)) {
      this.seen.delete(key);
      try {
        const patched = await retry(() => this.events.namespace(last.namespace).patch(last.name, 'strategic', {
          count: last.count + 1, lastTimestamp: ts, message: p.message,
        }));
        this.remember(key, patched, p.at);
        return;
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    const namespace = p.ref.namespace || 'default';
    const created = await retry(() => this.events.create({
      apiVersion: 'v1', kind: 'Event',
      metadata: { name: `${p.ref.name ?? ''}.${this.nanos(p.at).toString(16)}`, namespace },
      involvedObject: p.ref, reason: p.reason, message: p.message,
      source: { ...this.source }, firstTimestamp: last?.firstTimestamp ?? ts, lastTimestamp: ts,
      count: 1, type: p.type, reportingComponent: this.source.component, reportingInstance: this.source.host ?? '',
    }));
    this.remember(key, created, p.at);
  }

  private remember(key: string, ev: CoreEvent, at: Date): void {
    this.seen.set(key, {
      name: ev.metadata.name ?? '', namespace: ev.metadata.namespace ?? 'default', count: ev.count ?? 1,
      firstTimestamp: ev.firstTimestamp ?? rfc3339(at), lastSeen: at.getTime(),
    });
    if (this.seen.size > this.cacheSize) this.seen.delete(this.seen.keys().next().value as string);
  }

  /** Unix nanoseconds, kept distinct for events within one millisecond. */
  private nanos(at: Date): bigint {
    this.seq = (this.seq + 1) % 1_000_000;
    return BigInt(at.getTime()) * 1_000_000n + BigInt(this.seq);
  }
}

export function referenceTo(obj: KObject | ObjectReference): ObjectReference {
  if (!('metadata' in obj)) return obj;
  const o = obj as KObject;
  const ref: ObjectReference = { kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name, uid: o.metadata.uid, apiVersion: o.apiVersion, resourceVersion: o.metadata.resourceVersion };
  for (const k of Object.keys(ref) as Array<keyof ObjectReference>) if (ref[k] === undefined) delete ref[k];
  return ref;
}

/** Retries a write a few times when the server could not be reached; an answer from the server is final. */
async function retry<R>(fn: () => Promise<R>): Promise<R> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof StatusError || i >= 2) throw err;
      await sleep(500 * (i + 1));
    }
  }
}
