/**
 * Clientset: one connection pool to the API server and a ResourceClient per resource, keyed by
 * {group, version, resource}. Built from a kubeconfig file or, for components in the server's own
 * process, from the URL, CA and client certificate; either way every call goes over HTTPS.
 */
import { builtinResources, type KObject } from '../api/index.js';
import { loadKubeconfig } from './kubeconfig.js';
import { ResourceClient, type GroupVersionResource, type ResourceInfo } from './resource-client.js';
import { RestClient } from './rest-client.js';

export interface ServerCredentials {
  url: string;
  ca: string;
  cert?: string;
  key?: string;
  token?: string;
  /** The component's User-Agent, e.g. `kube-controller-manager/v1.32.0 (linux/amd64) navarch`. */
  userAgent?: string;
}

const known = new Map<string, ResourceInfo>();
for (const d of builtinResources) {
  known.set(gvrKey({ group: d.group, version: d.version, resource: d.plural }), {
    group: d.group, version: d.version, resource: d.plural, namespaced: d.namespaced, kind: d.kind,
  });
}

function gvrKey(r: GroupVersionResource): string {
  return `${r.group}/${r.version}/${r.resource}`;
}

export class Clientset {
  private clients = new Map<string, ResourceClient<KObject>>();

  constructor(readonly rest: RestClient) {}

  static fromKubeconfig(path: string): Clientset {
    return new Clientset(new RestClient(loadKubeconfig(path)));
  }

  static fromCredentials(c: ServerCredentials): Clientset {
    return new Clientset(new RestClient({ server: c.url, ca: c.ca, cert: c.cert, key: c.key, token: c.token, userAgent: c.userAgent }));
  }

  /**
   * The client for a resource. Built-in resources know whether they are namespaced; for others
   * (custom resources) say so with `info`.
   */
  resource<T extends KObject = KObject>(gvr: GroupVersionResource, info?: { namespaced: boolean; kind?: string }): ResourceClient<T> {
    const key = gvrKey(gvr);
    let c = this.clients.get(key);
    if (!c) {
      const ri = info ? { ...gvr, ...info } : known.get(key);
      if (!ri) throw new Error(`Cannot make a client for ${key}: unknown resource (say whether it is namespaced)`);
      c = new ResourceClient<KObject>(this.rest, ri);
      this.clients.set(key, c);
    }
    return c as unknown as ResourceClient<T>;
  }

  close(): void {
    this.rest.close();
  }
}

/** Resources the runtime itself uses. */
export const LEASES: GroupVersionResource = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' };
export const EVENTS: GroupVersionResource = { group: '', version: 'v1', resource: 'events' };

/** A component's User-Agent as Kubernetes' clients form it (the part before "/" names the field manager). */
export function componentUserAgent(component: string): string {
  return `${component}/v1.32.0 (linux/amd64) kubernetes/navarch`;
}
