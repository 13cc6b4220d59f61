/**
 * The APIServices a Kubernetes API server registers for the groups it serves itself: one per
 * group/version, named <version>.<group> ("v1." for the core group), Local (no service), labelled
 * as managed on start, with kube-apiserver's discovery priorities. The server creates them at start.
 */
import type { APIServiceLike } from './apiservice.js';

/** kube-apiserver's group and version priorities of its built-in group/versions. */
export const BUILTIN_API_PRIORITIES: Readonly<Record<string, { group: number; version: number }>> = {
  'v1': { group: 18000, version: 1 },
  'apps/v1': { group: 17800, version: 15 },
  'events.k8s.io/v1': { group: 17750, version: 15 },
  'authentication.k8s.io/v1': { group: 17700, version: 15 },
  'authorization.k8s.io/v1': { group: 17600, version: 15 },
  'autoscaling/v1': { group: 17500, version: 15 },
  'autoscaling/v2': { group: 17500, version: 30 },
  'batch/v1': { group: 17400, version: 15 },
  'certificates.k8s.io/v1': { group: 17300, version: 15 },
  'networking.k8s.io/v1': { group: 17200, version: 15 },
  'policy/v1': { group: 17100, version: 15 },
  'rbac.authorization.k8s.io/v1': { group: 17000, version: 15 },
  'storage.k8s.io/v1': { group: 16800, version: 15 },
  'apiextensions.k8s.io/v1': { group: 16700, version: 15 },
  'admissionregistration.k8s.io/v1': { group: 16700, version: 15 },
  'scheduling.k8s.io/v1': { group: 16600, version: 15 },
  'coordination.k8s.io/v1': { group: 16500, version: 15 },
  'node.k8s.io/v1': { group: 16300, version: 15 },
  'discovery.k8s.io/v1': { group: 16200, version: 15 },
  'flowcontrol.apiserver.k8s.io/v1': { group: 16100, version: 21 },
};

export const AUTOMANAGED_LABEL = 'kube-aggregator.kubernetes.io/automanaged';

/**
 * The Local APIService of each group/version given (those kube-apiserver has no priority for are
 * left out, as it leaves them out), sorted by name.
 */
export function localAPIServices(groupVersions: ReadonlyArray<{ group: string; version: string }>): APIServiceLike[] {
  const out: APIServiceLike[] = [];
  for (const { group, version } of groupVersions) {
    const prio = BUILTIN_API_PRIORITIES[group ? `${group}/${version}` : version];
    if (!prio) continue;
    out.push({
      apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService',
      metadata: { name: `${version}.${group}`, labels: { [AUTOMANAGED_LABEL]: 'onstart' } },
      spec: { group, version, groupPriorityMinimum: prio.group, versionPriority: prio.version },
    });
  }
  return out.sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
}
