/** Test support: small builders for the pods, namespaces and NetworkPolicies the policy tests use. */
import type { KObject } from '../../api/index.js';
import type { Pod } from '../../api/types/core/pod/index.js';
import type { NetworkPolicyLike, NetworkPolicySpec } from '../../api/types/networking/index.js';

export interface PodOpts {
  labels?: Record<string, string>;
  node?: string;
  ports?: Array<{ name: string; containerPort: number; protocol?: string }>;
  hostNetwork?: boolean;
  phase?: string;
}

/** A pod as an informer would hold it: scheduled (node n1 unless told), Running with `ip`. */
export function pod(ns: string, name: string, ip: string, o: PodOpts = {}): Pod {
  return {
    metadata: { namespace: ns, name, labels: o.labels ?? {} },
    spec: { nodeName: o.node ?? 'n1', hostNetwork: o.hostNetwork, containers: [{ name: 'c', image: 'x', ports: o.ports }] },
    status: { phase: o.phase ?? 'Running', podIP: ip, podIPs: ip ? [{ ip }] : [] },
  };
}

/** A namespace with the kubernetes.io/metadata.name label the API server adds. */
export function namespace(name: string, labels: Record<string, string> = {}): KObject {
  return { metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } } };
}

export function policy(ns: string, name: string, spec: NetworkPolicySpec): NetworkPolicyLike {
  return { metadata: { namespace: ns, name }, spec: { podSelector: {}, ...spec } };
}
