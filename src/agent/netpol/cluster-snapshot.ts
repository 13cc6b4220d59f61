/**
 * One consistent view of what policy compilation reads: the pods that take part in policy (any
 * node), namespace labels and the NetworkPolicies, with Kubernetes' selection rules on top — which
 * pods a policy selects, which directions it isolates (policyTypes, defaulted as the API server
 * does when absent), and which pods a from/to peer stands for.
 */
import type { KObject, LabelSelector } from '../../api/index.js';
import { isSelection, selectorFrom } from '../../api/types/apps/index.js';
import type { Pod } from '../../api/types/core/pod/index.js';
import type { NetworkPolicyLike, NetworkPolicyPeer } from '../../api/types/networking/index.js';
import { takesPartInPolicy } from './pod-facts.js';

export interface PolicyTypes { ingress: boolean; egress: boolean }

/** The directions a policy isolates: policyTypes, or Ingress plus Egress when egress rules exist. */
export function policyTypesOf(np: NetworkPolicyLike): PolicyTypes {
  const types = np.spec?.policyTypes ?? [];
  if (types.length === 0) return { ingress: true, egress: (np.spec?.egress ?? []).length > 0 };
  return { ingress: types.includes('Ingress'), egress: types.includes('Egress') };
}

/** A selector as a predicate; an absent one is `absent` (true: everything, false: nothing), a malformed one nothing. */
function matcher(sel: LabelSelector | undefined, absent: boolean): (labels: Record<string, string> | undefined) => boolean {
  if (sel === undefined || sel === null) return () => absent;
  const s = selectorFrom(sel);
  if (!isSelection(s)) return () => false;
  return (labels) => s.matches(labels);
}

const byKey = (a: KObject, b: KObject): number => {
  const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name ?? ''}`;
  const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

export class ClusterSnapshot {
  /** Pods taking part in policy, sorted by namespace/name. */
  readonly pods: Pod[];
  /** Policies sorted by namespace/name. */
  readonly policies: NetworkPolicyLike[];
  private readonly nsLabels = new Map<string, Record<string, string>>();
  private readonly podsByNs = new Map<string, Pod[]>();

  constructor(pods: Iterable<Pod>, namespaces: Iterable<KObject>, policies: Iterable<NetworkPolicyLike>) {
    this.pods = [...pods].filter(takesPartInPolicy).sort(byKey);
    this.policies = [...policies].sort(byKey);
    for (const ns of namespaces) this.nsLabels.set(ns.metadata.name ?? '', ns.metadata.labels ?? {});
    for (const p of this.pods) {
      const ns = p.metadata.namespace ?? '';
      const list = this.podsByNs.get(ns) ?? [];
      list.push(p);
      this.podsByNs.set(ns, list);
    }
  }

  /** The policies in the pod's namespace whose podSelector matches it. */
  policiesSelecting(pod: Pod): NetworkPolicyLike[] {
    return this.policies.filter((np) => np.metadata.namespace === pod.metadata.namespace
      && matcher(np.spec?.podSelector, true)(pod.metadata.labels));
  }

  /**
   * The pods a selector peer stands for: podSelector alone selects in the policy's namespace;
   * namespaceSelector selects namespaces (every pod in them, or those podSelector also matches).
   * An ipBlock peer stands for no pod here.
   */
  peerPods(peer: NetworkPolicyPeer, policyNamespace: string): Pod[] {
    if (peer.ipBlock || (!peer.podSelector && !peer.namespaceSelector)) return [];
    const podMatch = matcher(peer.podSelector, true);
    if (!peer.namespaceSelector) return (this.podsByNs.get(policyNamespace) ?? []).filter((p) => podMatch(p.metadata.labels));
    const nsMatch = matcher(peer.namespaceSelector, false);
    const out: Pod[] = [];
    for (const [ns, pods] of this.podsByNs) { // namespaces in order: pods are sorted
      const labels = this.nsLabels.get(ns);
      if (labels === undefined || !nsMatch(labels)) continue;
      for (const p of pods) if (podMatch(p.metadata.labels)) out.push(p);
    }
    return out;
  }
}
