/**
 * Claiming, as Kubernetes' ControllerRefManager does for pods and ControllerRevisions: a controller
 * keeps the objects whose controller reference is its own and that its selector (and filter) still
 * match; releases its own objects that stopped matching (unless it is being deleted); adopts
 * matching orphans that are not being deleted — but only after checking, once, with an uncached
 * read that the controller itself still exists and is not being deleted. Objects another controller
 * owns are left alone. Adoption and release are JSON patches guarded by the object's uid.
 */
import type { KObject, OwnerReference } from '../../api/index.js';
import { isNotFound, type ResourceClient } from '../../client/index.js';
import { controllerOf, newControllerRef, type OwnerKind } from './revision.js';

export interface ClaimOptions<T extends KObject> {
  owner: KObject;
  ownerKind: OwnerKind;
  /** Whether the object belongs by its labels (and any other rule: StatefulSets also check the pod's name). */
  matches: (obj: T) => boolean;
  /** The uncached check before the first adoption: false stops adopting (the owner is gone or going). */
  canAdopt: () => Promise<boolean>;
  /** The client of the objects' resource in the owner's namespace. */
  client: ResourceClient<T>;
}

/** The objects the owner controls after adopting and releasing; NotFound while patching is ignored. */
export async function claimObjects<T extends KObject>(objs: readonly T[], o: ClaimOptions<T>): Promise<T[]> {
  const uid = o.owner.metadata.uid ?? '';
  const ownerDeleting = !!o.owner.metadata.deletionTimestamp;
  let adoptable: boolean | undefined;
  const out: T[] = [];
  for (const obj of objs) {
    const ref = controllerOf(obj);
    const match = o.matches(obj);
    if (ref) {
      if (ref.uid !== uid) continue;
      if (match) { out.push(obj); continue; }
      if (ownerDeleting) continue;
      await release(obj, uid, o.client);
      continue;
    }
    if (!match || ownerDeleting || obj.metadata.deletionTimestamp) continue;
    adoptable ??= await o.canAdopt();
    if (!adoptable) continue;
    const adopted = await adopt(obj, newControllerRef(o.owner, o.ownerKind), o.client);
    if (adopted) out.push(adopted);
  }
  return out;
}

async function adopt<T extends KObject>(obj: T, ref: OwnerReference, client: ResourceClient<T>): Promise<T | undefined> {
  try {
    return await client.patch(obj.metadata.name ?? '', 'json', [
      { op: 'test', path: '/metadata/uid', value: obj.metadata.uid },
      { op: 'add', path: '/metadata/ownerReferences', value: [...(obj.metadata.ownerReferences ?? []), ref] },
    ]);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

async function release<T extends KObject>(obj: T, ownerUid: string, client: ResourceClient<T>): Promise<void> {
  const refs = (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
  try {
    await client.patch(obj.metadata.name ?? '', 'json', [
      { op: 'test', path: '/metadata/uid', value: obj.metadata.uid },
      refs.length ? { op: 'replace', path: '/metadata/ownerReferences', value: refs } : { op: 'remove', path: '/metadata/ownerReferences' },
    ]);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

/** RecheckDeletionTimestamp: the owner, read from the server, is the same object and not being deleted. */
export function recheckOwner(get: () => Promise<KObject>, uid: string | undefined): () => Promise<boolean> {
  return async () => {
    try {
      const fresh = await get();
      return fresh.metadata.uid === uid && !fresh.metadata.deletionTimestamp;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  };
}
