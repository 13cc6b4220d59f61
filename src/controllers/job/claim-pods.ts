/**
 * The pods a Job controls, as Kubernetes' controller-ref manager claims them: pods whose controller
 * reference is the Job and that still match its selector; matching orphans are adopted (controller
 * reference and tracking finalizer added, after re-reading the Job from the server); controlled
 * pods that stopped matching are released (reference and finalizer removed).
 */
import { isNotFound, NAMESPACE_INDEX, type Clientset, type Informer } from '../../client/index.js';
import { controllerRef, selectorMatches } from '../replicaset/index.js';
import { jobOwnerRef } from './pod-template.js';
import { JOB_TRACKING_FINALIZER, JOBS, PODS, type Job, type Pod } from './types.js';

export async function claimPods(cs: Clientset, pods: Informer<Pod>, job: Job): Promise<Pod[]> {
  const ns = job.metadata.namespace ?? '';
  const uid = job.metadata.uid ?? '';
  const client = cs.resource<Pod>(PODS).namespace(ns);
  const out: Pod[] = [];
  let canAdopt: boolean | undefined;
  for (const p of pods.store.byIndex(NAMESPACE_INDEX, ns)) {
    const ref = controllerRef(p);
    const matches = selectorMatches(job.spec?.selector, p.metadata.labels);
    if (ref?.uid === uid) {
      if (matches) { out.push(p); continue; }
      if (job.metadata.deletionTimestamp) continue;
      const refs = (p.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      const finalizers = (p.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
      const ops: unknown[] = [
        { op: 'test', path: '/metadata/uid', value: p.metadata.uid },
        { op: 'test', path: '/metadata/resourceVersion', value: p.metadata.resourceVersion },
        refs.length ? { op: 'replace', path: '/metadata/ownerReferences', value: refs } : { op: 'remove', path: '/metadata/ownerReferences' },
      ];
      if (finalizers.length) ops.push({ op: 'replace', path: '/metadata/finalizers', value: finalizers });
      else if (p.metadata.finalizers) ops.push({ op: 'remove', path: '/metadata/finalizers' });
      await client.patch(p.metadata.name ?? '', 'json', ops)
        .catch((err: unknown) => { if (!isNotFound(err)) throw err; });
      continue;
    }
    if (ref || !matches || p.metadata.deletionTimestamp || job.metadata.deletionTimestamp) continue;
    if (canAdopt === undefined) {
      const fresh = await cs.resource<Job>(JOBS).namespace(ns).get(job.metadata.name ?? '').catch(() => undefined);
      canAdopt = !!fresh && fresh.metadata.uid === uid && !fresh.metadata.deletionTimestamp;
    }
    if (!canAdopt) continue;
    const finalizers = [...(p.metadata.finalizers ?? [])];
    if (!finalizers.includes(JOB_TRACKING_FINALIZER)) finalizers.push(JOB_TRACKING_FINALIZER);
    try {
      out.push(await client.patch(p.metadata.name ?? '', 'json', [
        { op: 'test', path: '/metadata/uid', value: p.metadata.uid },
        { op: 'test', path: '/metadata/resourceVersion', value: p.metadata.resourceVersion },
        { op: 'add', path: '/metadata/ownerReferences', value: [...(p.metadata.ownerReferences ?? []), jobOwnerRef(job)] },
        { op: 'add', path: '/metadata/finalizers', value: finalizers },
      ]));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  return out;
}
