/**
 * The generic REST store: create, read, update and delete for any kind, with Kubernetes' semantics
 * (uids, generateName, generation, optimistic concurrency, status subresource, finalizers and
 * graceful deletion). Handlers call it; it knows nothing of HTTP.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  alreadyExists, badRequest, conflict, MODIFIED_CONFLICT, notFound, zeroObject, type KObject, type Requester, type ValidationContext,
} from '../../api/index.js';
import type { Backend } from '../../storage/index.js';
import type { AdmissionChain, Attributes } from '../admission/admission.js';
import { encodeForStorage, fromKeyValue, type WatchCache } from '../cache/index.js';
import type { ResourceIndex } from '../registry/resource-index.js';
import { trackManagedFields } from '../patch/apply/index.js';
import { generateName, newUid, nowTimestamp } from './object-meta-ops.js';
import { clone, fromStorage, keyOf, qualifiedResource, toStorage, type Scope } from './scope.js';
import { dropEmptyMeta, sameContent, storageError, usesGeneration, validateCreate, validateUpdate } from './write-pipeline.js';

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  subresource?: string;
  /** managedFields: set by server-side apply, whose entries are already final. */
  applied?: boolean;
  /** managedFields: the subresource to record when it is not `subresource` (writes through /scale). */
  managedFieldsSubresource?: string;
  /** Retry the read-modify-write when another write lands in between (default true). */
  retryOnConflict?: boolean;
  /** Where the kind's warnings for this write go (the response's Warning headers). */
  warnings?: string[];
  /** Who asked (create): handed to the kind's prepareForCreate (CertificateSigningRequests record it). */
  requester?: Requester;
}

export interface DeleteOptions {
  dryRun?: boolean;
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface DeleteResult {
  obj: KObject;
  /** True when the object is gone from storage; false when deletion is pending (grace, finalizers). */
  deleted: boolean;
}

export class Registry {
  constructor(
    readonly backend: Backend,
    readonly cache: WatchCache,
    readonly index: ResourceIndex,
    readonly admission: AdmissionChain,
    readonly vctx: ValidationContext,
  ) {}

  /** Reads one object: from the cache when resourceVersion is "0", else from storage. */
  async get(scope: Scope, name: string, resourceVersion?: string): Promise<KObject> {
    const key = keyOf(scope, name);
    let cur;
    if (resourceVersion === '0') {
      cur = this.cache.get(key);
    } else {
      const kv = await this.backend.get(key);
      cur = kv ? fromKeyValue(kv) : undefined;
    }
    if (!cur) throw notFound(qualifiedResource(scope.def), name);
    return fromStorage(scope.def, clone(cur.obj));
  }

  private async current(scope: Scope, name: string): Promise<{ obj: KObject; rev: number } | undefined> {
    const kv = await this.backend.get(keyOf(scope, name));
    if (!kv) return undefined;
    const c = fromKeyValue(kv);
    return { obj: fromStorage(scope.def, c.obj), rev: c.rev };
  }

  async create(scope: Scope, obj: KObject, opts: WriteOptions = {}): Promise<KObject> {
    const { def } = scope;
    const meta = obj.metadata;
    if (def.namespaced) {
      if (meta.namespace && scope.namespace && meta.namespace !== scope.namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      meta.namespace = scope.namespace ?? meta.namespace;
    } else if (meta.namespace) {
      delete meta.namespace;
    }
    if (!meta.name && meta.generateName) meta.name = generateName(meta.generateName);
    meta.uid = newUid();
    meta.creationTimestamp = nowTimestamp();
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.selfLink;
    if (usesGeneration(def)) meta.generation = 1; else delete meta.generation;
    if (def.subresources?.status && !def.keepStatusOnCreate) delete obj.status;
    def.defaults?.(obj);
    def.prepareForCreate?.(obj, opts.requester);
    // Go never omits a status struct: a new object reads status: {} (with its non-omitempty zeros).
    const statusField = def.schema.fields.status;
    if (!def.unstructured && statusField?.schema.type === 'object' && obj.status === undefined) obj.status = zeroObject(statusField.schema);
    // managedFields bookkeeping (server-side apply): an Update entry for the creator.
    trackManagedFields(def, undefined, obj, opts);
    const attrs: Attributes = {
      operation: 'CREATE', def, namespace: meta.namespace, name: meta.name ?? '', obj, dryRun: !!opts.dryRun,
    };
    await this.admission.admit(attrs);
    try {
      dropEmptyMeta(obj);
      validateCreate(def, obj, this.vctx);
      await this.admission.validate(attrs);
      addWarnings(opts.warnings, def.warnings?.(obj));
      if (opts.dryRun) {
        this.admission.abort(attrs);
        if (await this.backend.get(keyOf(scope, meta.name ?? ''))) throw alreadyExists(qualifiedResource(def), meta.name ?? '');
        return obj;
      }
      const stored = toStorage(scope, clone(obj));
      const kv = await this.backend.create(keyOf(scope, meta.name ?? ''), encodeForStorage(stored));
      this.admission.committed(attrs);
      return fromStorage(def, fromKeyValue(kv).obj);
    } catch (err) {
      this.admission.abort(attrs);
      throw storageError(def, meta.name ?? '', err);
    }
  }

  /**
   * Replaces an object (PUT), or only its status with opts.subresource "status". A resourceVersion in
   * the body must match the stored one.
   */
  async update(scope: Scope, name: string, obj: KObject, opts: WriteOptions = {}): Promise<KObject> {
    return this.guaranteedUpdate(scope, name, () => obj, { retryOnConflict: !obj.metadata.resourceVersion, ...opts });
  }

  /**
   * Reads the current object, applies mutate to a copy and writes it. A resourceVersion in the
   * mutated object that differs from the stored one is a conflict; a concurrent write between the read
   * and the write is retried unless opts.retryOnConflict is false (the client named a version).
   */
  async guaranteedUpdate(
    scope: Scope, name: string, mutate: (cur: KObject) => KObject | Promise<KObject>, opts: WriteOptions = {},
  ): Promise<KObject> {
    const { def } = scope;
    for (let attempt = 0; ; attempt++) {
      const cur = await this.current(scope, name);
      if (!cur) throw notFound(qualifiedResource(def), name);
      const old = cur.obj;
      const obj = await mutate(clone(old));
      obj.metadata ??= {};
      if (obj.metadata.name && obj.metadata.name !== name) {
        throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`);
      }
      if (def.namespaced && obj.metadata.namespace && obj.metadata.namespace !== scope.namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      const wantRv = obj.metadata.resourceVersion;
      if (wantRv && wantRv !== old.metadata.resourceVersion) {
        throw conflict(qualifiedResource(def), name, MODIFIED_CONFLICT);
      }
      try {
        return await this.writeUpdate(scope, name, obj, old, cur.rev, opts);
      } catch (err) {
        const mapped = storageError(def, name, err);
        const retriable = opts.retryOnConflict !== false && (mapped as { reason?: string }).reason === 'Conflict';
        if (!retriable || attempt >= 8) throw mapped;
      }
    }
  }

  private async writeUpdate(scope: Scope, name: string, obj: KObject, old: KObject, rev: number, opts: WriteOptions): Promise<KObject> {
    const { def } = scope;
    const meta = obj.metadata;
    meta.name = name;
    if (def.namespaced) meta.namespace = scope.namespace; else delete meta.namespace;
    for (const k of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'] as const) {
      if (old.metadata[k] === undefined) delete meta[k]; else (meta as Record<string, unknown>)[k] = old.metadata[k];
    }
    if (opts.subresource === 'finalize') {
      const next = clone(old);
      next.spec = { ...(old.spec as object), finalizers: (obj.spec as { finalizers?: unknown } | undefined)?.finalizers ?? [] };
      next.metadata = { ...old.metadata, resourceVersion: meta.resourceVersion };
      obj = next;
    } else if (opts.subresource === 'status') {
      // A status write keeps the desired state as it was; metadata (annotations, labels) may change
      // through it, as in Kubernetes, except what the server owns.
      if (old.spec !== undefined) obj.spec = clone(old.spec); else delete obj.spec;
    } else if (def.subresources?.status) {
      if (old.status === undefined) delete obj.status; else obj.status = clone(old.status);
    }
    def.defaults?.(obj);
    if (!opts.subresource) def.prepareForUpdate?.(obj, old);
    if (usesGeneration(def) && !isDeepStrictEqual(obj.spec, old.spec)) {
      obj.metadata.generation = (old.metadata.generation ?? 0) + 1;
    }
    // managedFields bookkeeping (server-side apply): an Update entry for the writer.
    trackManagedFields(def, old, obj, opts);
    const attrs: Attributes = {
      operation: 'UPDATE', def, namespace: obj.metadata.namespace, name, subresource: opts.subresource, obj, old, dryRun: !!opts.dryRun,
    };
    await this.admission.admit(attrs);
    try {
      dropEmptyMeta(obj);
      validateUpdate(def, obj, old, this.vctx, opts.subresource);
      await this.admission.validate(attrs);
      if (!opts.subresource) addWarnings(opts.warnings, def.warnings?.(obj, old));
      if (sameContent(obj, old) || opts.dryRun) {
        this.admission.abort(attrs);
        return sameContent(obj, old) ? old : obj;
      }
      const key = keyOf(scope, name);
      if (obj.metadata.deletionTimestamp && (obj.metadata.finalizers ?? []).length === 0 && !def.deletionPending?.(obj)
        && !(def.gracePeriod && (obj.metadata.deletionGracePeriodSeconds ?? 0) > 0)) {
        const kv = await this.backend.delete(key, rev);
        this.admission.committed(attrs);
        return fromStorage(def, fromKeyValue(kv).obj);
      }
      const kv = await this.backend.update(key, encodeForStorage(toStorage(scope, clone(obj))), rev);
      this.admission.committed(attrs);
      return fromStorage(def, fromKeyValue(kv).obj);
    } catch (err) {
      this.admission.abort(attrs);
      throw err;
    }
  }

  async delete(scope: Scope, name: string, opts: DeleteOptions = {}): Promise<DeleteResult> {
    const { def } = scope;
    for (let attempt = 0; ; attempt++) {
      const cur = await this.current(scope, name);
      if (!cur) throw notFound(qualifiedResource(def), name);
      const obj = cur.obj;
      const pre = opts.preconditions;
      if (pre?.uid && pre.uid !== obj.metadata.uid) {
        throw conflict(qualifiedResource(def), name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata.uid ?? ''}`);
      }
      if (pre?.resourceVersion && pre.resourceVersion !== obj.metadata.resourceVersion) {
        throw conflict(qualifiedResource(def), name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion ?? ''}`);
      }
      const attrs: Attributes = { operation: 'DELETE', def, namespace: obj.metadata.namespace, name, obj, dryRun: !!opts.dryRun };
      await this.admission.validate(attrs);
      try {
        return await this.writeDelete(scope, name, obj, cur.rev, opts);
      } catch (err) {
        const mapped = storageError(def, name, err);
        if ((mapped as { reason?: string }).reason !== 'Conflict' || attempt >= 8) throw mapped;
      }
    }
  }

  private async writeDelete(scope: Scope, name: string, obj: KObject, rev: number, opts: DeleteOptions): Promise<DeleteResult> {
    const { def } = scope;
    const key = keyOf(scope, name);
    const meta = obj.metadata;
    const finalizers = [...(meta.finalizers ?? [])];
    const policy = opts.propagationPolicy;
    if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
    if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    let grace = def.gracePeriod ? def.gracePeriod(obj, opts.gracePeriodSeconds) : 0;
    if (meta.deletionTimestamp) {
      // Already terminating: only a shorter grace period changes anything.
      const remaining = meta.deletionGracePeriodSeconds ?? 0;
      if (grace >= remaining && isDeepStrictEqual(finalizers, meta.finalizers ?? [])) return { obj, deleted: false };
      grace = Math.min(grace, remaining);
    }
    if (finalizers.length === 0 && grace === 0 && !def.deletionPending?.(obj)) {
      if (opts.dryRun) return { obj, deleted: true };
      const kv = await this.backend.delete(key, rev);
      return { obj: fromStorage(def, fromKeyValue(kv).obj), deleted: true };
    }
    const next = clone(obj);
    next.metadata.finalizers = finalizers.length ? finalizers : undefined;
    if (!next.metadata.finalizers) delete next.metadata.finalizers;
    next.metadata.deletionTimestamp = nowTimestamp(new Date(Date.now() + grace * 1000));
    next.metadata.deletionGracePeriodSeconds = grace;
    def.markDeleting?.(next);
    if (opts.dryRun) return { obj: next, deleted: false };
    const kv = await this.backend.update(key, encodeForStorage(toStorage(scope, next)), rev);
    return { obj: fromStorage(def, fromKeyValue(kv).obj), deleted: false };
  }
}

function addWarnings(to: string[] | undefined, found: string[] | undefined): void {
  if (!to || !found) return;
  for (const w of found) if (!to.includes(w)) to.push(w);
}
