/**
 * A DaemonSet's ControllerRevisions (constructHistory and cleanupHistory in Kubernetes): the
 * revision whose data restores the current template is current — created as
 * "<ds>-<template hash>" with the next revision number when missing, renumbered to the top when an
 * older one matches again (what `kubectl rollout undo` causes), de-duplicated (pods relabelled to the
 * one kept) when several match. A name held by other data bumps status.collisionCount and the sync
 * is retried. While there are more old revisions than revisionHistoryLimit, the oldest go, except
 * those a pod still carries the hash of.
 */
import { isAlreadyExists, isNotFound, type Clientset } from '../../client/index.js';
import {
  CONTROLLER_REVISION_HASH_LABEL, ControllerHistory, maxRevision, newControllerRef, podTemplateHash, recheckOwner, revisionBytes,
  sortRevisions, templatePatch, type ControllerRevision,
} from '../history/index.js';
import { selectorMatches } from '../replicaset/index.js';
import { DAEMONSET_KIND, DAEMONSETS, type DaemonPod, type DaemonSet } from './types.js';

const PODS = { group: '', version: 'v1', resource: 'pods' };

/** Match: the revision's data is exactly the patch that restores the DaemonSet's current template. */
export function matchesTemplate(ds: DaemonSet, rev: ControllerRevision): boolean {
  return revisionBytes(templatePatch(ds.spec?.template)) === revisionBytes(rev.data);
}

export class DaemonSetHistory {
  constructor(private readonly cs: Clientset, readonly history: ControllerHistory) {}

  private dsClient(ns: string) {
    return this.cs.resource<DaemonSet>(DAEMONSETS).namespace(ns);
  }

  /** The current revision (created or renumbered as needed) and the old ones. */
  async construct(ds: DaemonSet, pods: readonly DaemonPod[]): Promise<{ cur: ControllerRevision; old: ControllerRevision[] }> {
    const ns = ds.metadata.namespace ?? '';
    const client = this.history.client(ns);
    const claimed = await this.history.claim(ds, DAEMONSET_KIND, (labels) => selectorMatches(ds.spec?.selector, labels),
      recheckOwner(() => this.dsClient(ns).get(ds.metadata.name ?? ''), ds.metadata.uid));
    const current: ControllerRevision[] = [];
    const old: ControllerRevision[] = [];
    for (let rev of claimed) {
      if (rev.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === undefined) {
        rev = await client.update({ ...rev, metadata: { ...rev.metadata, labels: { ...rev.metadata.labels, [CONTROLLER_REVISION_HASH_LABEL]: rev.metadata.name ?? '' } } });
      }
      (matchesTemplate(ds, rev) ? current : old).push(rev);
    }
    const top = maxRevision(old) + 1;
    if (!current.length) return { cur: await this.snapshot(ds, top), old };
    let cur = await this.dedup(ds, current, pods);
    if ((cur.revision ?? 0) < top) cur = await this.history.updateRevision(cur, top);
    return { cur, old };
  }

  private async snapshot(ds: DaemonSet, revision: number): Promise<ControllerRevision> {
    const ns = ds.metadata.namespace ?? '';
    const template = ds.spec?.template;
    const hash = podTemplateHash(template, ds.status?.collisionCount);
    const name = `${ds.metadata.name ?? ''}-${hash}`;
    const rev: ControllerRevision = {
      apiVersion: 'apps/v1', kind: 'ControllerRevision',
      metadata: {
        name, namespace: ns, labels: { ...template?.metadata?.labels, [CONTROLLER_REVISION_HASH_LABEL]: hash },
        annotations: ds.metadata.annotations ? { ...ds.metadata.annotations } : undefined,
        ownerReferences: [newControllerRef(ds, DAEMONSET_KIND)],
      },
      data: templatePatch(template), revision,
    };
    try {
      return await this.history.client(ns).create(rev);
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      const existing = await this.history.client(ns).get(name);
      if (matchesTemplate(ds, existing)) return existing;
      const fresh = await this.dsClient(ns).get(ds.metadata.name ?? '');
      const count = fresh.status?.collisionCount;
      if (count !== ds.status?.collisionCount) {
        throw new Error(`found a stale collision count (${ds.status?.collisionCount ?? 'nil'}, expected ${count ?? 'nil'}) of DaemonSet "${ds.metadata.name ?? ''}" while processing; will retry until it is updated`);
      }
      await this.dsClient(ns).updateStatus({ ...fresh, status: { ...fresh.status, collisionCount: (count ?? 0) + 1 } });
      throw err;
    }
  }

  /** Keeps the highest-numbered of several current revisions; pods move to its hash first. */
  private async dedup(ds: DaemonSet, current: ControllerRevision[], pods: readonly DaemonPod[]): Promise<ControllerRevision> {
    if (current.length === 1) return current[0];
    const keep = sortRevisions(current)[current.length - 1];
    const keepHash = keep.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';
    const podClient = this.cs.resource<DaemonPod>(PODS).namespace(ds.metadata.namespace ?? '');
    for (const dup of current) {
      if (dup === keep) continue;
      for (const pod of pods) {
        if (pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === keepHash) continue;
        await podClient.patch(pod.metadata.name ?? '', 'merge', { metadata: { labels: { [CONTROLLER_REVISION_HASH_LABEL]: keepHash } } })
          .catch((err: unknown) => { if (!isNotFound(err)) throw err; });
      }
      await this.history.delete(dup);
    }
    return keep;
  }

  /** Deletes old revisions beyond revisionHistoryLimit that no pod runs. */
  async cleanup(ds: DaemonSet, old: readonly ControllerRevision[], pods: readonly DaemonPod[]): Promise<void> {
    const live = new Set(pods.map((p) => p.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL]).filter((h): h is string => !!h));
    let toKill = old.length - (ds.spec?.revisionHistoryLimit ?? 10);
    for (const rev of sortRevisions(old)) {
      if (toKill <= 0) break;
      if (live.has(rev.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '')) continue;
      await this.history.delete(rev);
      toKill--;
    }
  }
}
