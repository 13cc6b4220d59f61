/**
 * A client for one resource (group/version/resource), namespaced or not: get, list (every page),
 * create, update, updateStatus, patch, delete and watch over the REST client. Failures are the
 * server's StatusError, so callers check `err.code === 404` or `409`.
 */
import type { KObject, ListMeta } from '../api/index.js';
import type { RestClient } from './rest-client.js';
import { isExpired, statusErrorFrom } from './status.js';

export interface GroupVersionResource { group: string; version: string; resource: string }

export interface ResourceInfo extends GroupVersionResource {
  namespaced: boolean;
  /** The kind, to fill apiVersion/kind in list items and in bodies that lack them. */
  kind?: string;
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /** Page size: the list is read in pages of this many items (limit/continue), all pages joined. */
  limit?: number;
  resourceVersion?: string;
}

export interface ObjectList<T> { items: T[]; resourceVersion: string }

export interface WriteOptions { dryRun?: boolean; fieldManager?: string; /** Server-side apply: take fields other managers own. */ force?: boolean }

export interface DeleteOptions {
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export type PatchType = 'merge' | 'strategic' | 'json' | 'apply';

const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
  apply: 'application/apply-patch+yaml',
};

export interface WatchOptions {
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

export interface WatchEvent<T> { type: WatchEventType; object: T }

export interface WatchHandlers<T> {
  onEvent(e: WatchEvent<T>): void;
  /** The watch ended: normally (no error), by an ERROR event (its StatusError, e.g. 410), or by the connection. */
  onEnd(err?: Error): void;
}

interface ListBody<T> { items?: T[]; metadata?: ListMeta }

export class ResourceClient<T extends KObject = KObject> {
  constructor(private readonly rest: RestClient, readonly info: ResourceInfo, readonly ns?: string) {}

  /** The same client bound to one namespace. */
  namespace(ns: string): ResourceClient<T> {
    return new ResourceClient<T>(this.rest, this.info, ns);
  }

  get apiVersion(): string {
    return this.info.group ? `${this.info.group}/${this.info.version}` : this.info.version;
  }

  /** The URL path of the collection (ns unset: across namespaces), an object, or a subresource. */
  path(ns: string | undefined, name?: string, subresource?: string): string {
    const { group, version, resource, namespaced } = this.info;
    let p = group ? `/apis/${group}/${version}` : `/api/${version}`;
    if (namespaced && ns) p += `/namespaces/${encodeURIComponent(ns)}`;
    p += `/${resource}`;
    if (name !== undefined) p += `/${encodeURIComponent(name)}`;
    if (subresource) p += `/${subresource}`;
    return p;
  }

  async get(name: string, opts: { resourceVersion?: string } = {}): Promise<T> {
    return this.call<T>('GET', this.path(this.requireNs('get'), name) + query({ resourceVersion: opts.resourceVersion }));
  }

  /** Lists every matching object; with `limit`, page by page (falling back to one read if a page token expires). */
  async list(opts: ListOptions = {}): Promise<ObjectList<T>> {
    const base = { labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector };
    const items: T[] = [];
    let cont: string | undefined;
    let rv = '';
    do {
      let page: ListBody<T>;
      try {
        page = await this.call<ListBody<T>>('GET', this.path(this.ns) + query({
          ...base, limit: opts.limit, continue: cont, resourceVersion: cont ? undefined : opts.resourceVersion,
        }));
      } catch (err) {
        if (!cont || !isExpired(err)) throw err;
        return this.list({ ...opts, limit: undefined });
      }
      for (const item of page.items ?? []) items.push(this.typed(item));
      cont = page.metadata?.continue || undefined;
      rv = page.metadata?.resourceVersion ?? rv;
    } while (cont && opts.limit);
    return { items, resourceVersion: rv };
  }

  async create(obj: T, opts: WriteOptions = {}): Promise<T> {
    return this.call<T>('POST', this.path(this.nsOf(obj, 'create')) + query(writeQuery(opts)), this.withType(obj));
  }

  async update(obj: T, opts: WriteOptions = {}): Promise<T> {
    return this.call<T>('PUT', this.path(this.nsOf(obj, 'update'), obj.metadata.name) + query(writeQuery(opts)), this.withType(obj));
  }

  async updateStatus(obj: T, opts: WriteOptions = {}): Promise<T> {
    return this.call<T>('PUT', this.path(this.nsOf(obj, 'update'), obj.metadata.name, 'status') + query(writeQuery(opts)), this.withType(obj));
  }

  async patch(name: string, type: PatchType, patch: unknown, opts: WriteOptions & { subresource?: string } = {}): Promise<T> {
    const path = this.path(this.requireNs('patch'), name, opts.subresource) + query(writeQuery(opts));
    const res = await this.rest.request('PATCH', path, { body: patch, contentType: PATCH_CONTENT_TYPES[type] });
    return this.parse<T>(res.status, res.text);
  }

  /** Deletes; returns the object when it still exists (finalizers, graceful deletion), else undefined. */
  async delete(name: string, opts: DeleteOptions = {}): Promise<T | undefined> {
    const body: Record<string, unknown> = { kind: 'DeleteOptions', apiVersion: 'v1' };
    if (opts.propagationPolicy) body.propagationPolicy = opts.propagationPolicy;
    if (opts.gracePeriodSeconds !== undefined) body.gracePeriodSeconds = opts.gracePeriodSeconds;
    if (opts.preconditions) body.preconditions = opts.preconditions;
    const out = await this.call<T | { kind: 'Status' }>('DELETE', this.path(this.requireNs('delete'), name) + query({ dryRun: opts.dryRun ? 'All' : undefined }), body);
    return out.kind === 'Status' ? undefined : out as T;
  }

  /** Starts a watch; returns a function that stops it (onEnd is then not called). */
  watch(opts: WatchOptions, handlers: WatchHandlers<T>): () => void {
    const path = this.path(this.ns) + query({
      watch: 'true', labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector, resourceVersion: opts.resourceVersion,
      allowWatchBookmarks: opts.allowWatchBookmarks ? 'true' : undefined, timeoutSeconds: opts.timeoutSeconds,
    });
    let stopped = false;
    const stop = this.rest.openWatch(path, (line) => {
      if (stopped) return;
      if (line.type === 'ERROR') {
        stopped = true;
        stop();
        handlers.onEnd(statusErrorFrom(500, line.object));
        return;
      }
      handlers.onEvent({ type: line.type as WatchEventType, object: this.typed(line.object as T) });
    }, (err) => {
      if (stopped) return;
      stopped = true;
      handlers.onEnd(err);
    });
    return () => {
      stopped = true;
      stop();
    };
  }

  private async call<R>(method: string, path: string, body?: unknown): Promise<R> {
    const res = await this.rest.request(method, path, body === undefined ? {} : { body });
    return this.parse<R>(res.status, res.text);
  }

  private parse<R>(status: number, text: string): R {
    if (status < 200 || status > 299) throw statusErrorFrom(status, text);
    return JSON.parse(text) as R;
  }

  private requireNs(verb: string): string | undefined {
    if (this.info.namespaced && !this.ns) throw new Error(`Cannot ${verb} ${this.info.resource}: no namespace given`);
    return this.ns;
  }

  private nsOf(obj: T, verb: string): string | undefined {
    if (!this.info.namespaced) return undefined;
    const ns = this.ns ?? obj.metadata.namespace;
    if (!ns) throw new Error(`Cannot ${verb} ${this.info.resource}: no namespace given`);
    return ns;
  }

  private withType(obj: T): T {
    if (obj.apiVersion && obj.kind) return obj;
    return { ...obj, apiVersion: obj.apiVersion ?? this.apiVersion, kind: obj.kind ?? this.info.kind };
  }

  /** List and watch items may lack apiVersion/kind (Kubernetes omits them in lists); fill them in. */
  private typed(obj: T): T {
    if (!obj.apiVersion) obj.apiVersion = this.apiVersion;
    if (!obj.kind && this.info.kind) obj.kind = this.info.kind;
    return obj;
  }
}

function writeQuery(opts: WriteOptions): Record<string, string | undefined> {
  return { dryRun: opts.dryRun ? 'All' : undefined, fieldManager: opts.fieldManager, force: opts.force ? 'true' : undefined };
}

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
