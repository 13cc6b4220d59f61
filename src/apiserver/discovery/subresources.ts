/**
 * The subresources discovery lists for a kind: status and scale from its ResourceDef, the
 * special subresources the core group serves for pods, services, nodes, service accounts and
 * namespaces, and certificatesigningrequests/approval (listed only when that kind is registered).
 */
import type { ResourceDef } from '../../api/index.js';

export interface Subresource {
  /** The part after "/": "status", "scale", "log". */
  name: string;
  /** Set when the subresource's kind lives in another group/version (Scale, Eviction, TokenRequest). */
  group?: string;
  version?: string;
  kind: string;
  verbs: readonly string[];
}

const READ_WRITE = ['get', 'patch', 'update'] as const;
const CONNECT = ['create', 'get'] as const;
const PROXY = ['create', 'delete', 'get', 'patch', 'update'] as const;

/** Core (group "") subresources by plural, beyond status. */
const CORE_SPECIAL: ReadonlyMap<string, readonly Subresource[]> = new Map(Object.entries({
  pods: [
    { name: 'attach', kind: 'PodAttachOptions', verbs: CONNECT },
    { name: 'binding', kind: 'Binding', verbs: ['create'] },
    { name: 'ephemeralcontainers', kind: 'Pod', verbs: READ_WRITE },
    { name: 'eviction', group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] },
    { name: 'exec', kind: 'PodExecOptions', verbs: CONNECT },
    { name: 'log', kind: 'Pod', verbs: ['get'] },
    { name: 'portforward', kind: 'PodPortForwardOptions', verbs: CONNECT },
    { name: 'proxy', kind: 'PodProxyOptions', verbs: PROXY },
  ],
  services: [{ name: 'proxy', kind: 'ServiceProxyOptions', verbs: PROXY }],
  nodes: [{ name: 'proxy', kind: 'NodeProxyOptions', verbs: PROXY }],
  serviceaccounts: [{ name: 'token', group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest', verbs: ['create'] }],
  namespaces: [{ name: 'finalize', kind: 'Namespace', verbs: ['update'] }],
}));

/** Subresources of named groups beyond status and scale, by "group/plural". */
const GROUP_SPECIAL: ReadonlyMap<string, readonly Subresource[]> = new Map(Object.entries({
  'certificates.k8s.io/certificatesigningrequests': [{ name: 'approval', kind: 'CertificateSigningRequest', verbs: READ_WRITE }],
}));

/** The kind's subresources, sorted by name. */
export function subresourcesOf(def: ResourceDef): Subresource[] {
  const out: Subresource[] = [];
  if (def.subresources?.status) out.push({ name: 'status', kind: def.kind, verbs: READ_WRITE });
  if (def.subresources?.scale) out.push({ name: 'scale', group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: READ_WRITE });
  if (def.group === '' && def.version === 'v1') out.push(...(CORE_SPECIAL.get(def.plural) ?? []));
  else out.push(...(GROUP_SPECIAL.get(`${def.group}/${def.plural}`) ?? []));
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
