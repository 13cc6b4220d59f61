/**
 * ControllerHistory: a controller's revisions read from an informer and written through the
 * client, as Kubernetes' history.Interface: list (owned by the controller or by none, matching its
 * selector), create (named from the data's hash; a name taken by different data bumps the
 * collision count and tries the next name), renumber, delete, adopt and release.
 */
import type { KObject } from '../../api/index.js';
import { isAlreadyExists, isConflict, isNotFound, NAMESPACE_INDEX, type Clientset, type Informer, type ResourceClient } from '../../client/index.js';
import { claimObjects } from './claim.js';
import { revisionDataHash } from './hash.js';
import {
  CONTROLLERREVISIONS, controllerOf, controllerRevisionName, revisionBytes, type ControllerRevision, type OwnerKind,
} from './revision.js';

/** How many names create() tries before giving up (each collision bumps the count once). */
const MAX_CREATE_ATTEMPTS = 100;
const MAX_UPDATE_ATTEMPTS = 5;

/** The collision count, shared with the caller so it can store the new value in the owner's status. */
export interface CollisionCount { value: number }

export class ControllerHistory {
  constructor(private readonly cs: Clientset, readonly informer: Informer<ControllerRevision>) {}

  client(namespace: string): ResourceClient<ControllerRevision> {
    return this.cs.resource<ControllerRevision>(CONTROLLERREVISIONS).namespace(namespace);
  }

  /** Revisions in the owner's namespace that match and that the owner controls or nobody does. */
  list(owner: KObject, matches: (labels: Record<string, string> | undefined) => boolean): ControllerRevision[] {
    return this.informer.store.byIndex(NAMESPACE_INDEX, owner.metadata.namespace ?? '').filter((r) => {
      if (!matches(r.metadata.labels)) return false;
      const ref = controllerOf(r);
      return !ref || ref.uid === owner.metadata.uid;
    });
  }

  /** The revisions the owner controls after adopting orphans and releasing revisions it no longer matches. */
  claim(owner: KObject, kind: OwnerKind, matches: (labels: Record<string, string> | undefined) => boolean, canAdopt: () => Promise<boolean>): Promise<ControllerRevision[]> {
    const ns = owner.metadata.namespace ?? '';
    return claimObjects(this.informer.store.byIndex(NAMESPACE_INDEX, ns), {
      owner, ownerKind: kind, matches: (r) => matches(r.metadata.labels), canAdopt, client: this.client(ns),
    });
  }

  /** Creates the revision under "<owner>-<hash>", moving on to the next collision count while a name holds other data. */
  async create(owner: KObject, revision: ControllerRevision, collisionCount: CollisionCount): Promise<ControllerRevision> {
    const client = this.client(owner.metadata.namespace ?? '');
    for (let attempt = 0; attempt < MAX_CREATE_ATTEMPTS; attempt++) {
      const name = controllerRevisionName(owner.metadata.name ?? '', revisionDataHash(revision.data, collisionCount.value));
      const clone: ControllerRevision = { ...structuredClone(revision), metadata: { ...structuredClone(revision.metadata), name, namespace: owner.metadata.namespace } };
      try {
        return await client.create(clone);
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
      }
      const exists = await client.get(name);
      if (revisionBytes(exists.data) === revisionBytes(clone.data)) return exists;
      collisionCount.value++;
    }
    throw new Error(`Cannot create a revision of ${owner.metadata.namespace ?? ''}/${owner.metadata.name ?? ''}: every name up to collision count ${collisionCount.value} is taken`);
  }

  /** Sets the revision number, retrying on conflicts against a fresh read. */
  async updateRevision(rev: ControllerRevision, revision: number): Promise<ControllerRevision> {
    const client = this.client(rev.metadata.namespace ?? '');
    let cur = rev;
    for (let attempt = 0; ; attempt++) {
      if (cur.revision === revision) return cur;
      try {
        return await client.update({ ...cur, revision });
      } catch (err) {
        if (!isConflict(err) || attempt + 1 >= MAX_UPDATE_ATTEMPTS) throw err;
      }
      cur = await client.get(rev.metadata.name ?? '');
    }
  }

  async delete(rev: ControllerRevision): Promise<void> {
    try {
      await this.client(rev.metadata.namespace ?? '').delete(rev.metadata.name ?? '', { preconditions: { uid: rev.metadata.uid } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
