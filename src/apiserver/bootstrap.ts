/**
 * Objects every cluster starts with: the system namespaces, the `kubernetes` Service and its
 * Endpoints pointing at this API server, the system priority classes (when those kinds exist), and,
 * as k3s ships it, the default StorageClass `local-path` (provisioned by the built-in local-path
 * provisioner).
 */
import type { KObject } from '../api/index.js';
import type { Registry } from './rest/registry.js';
import type { Scope } from './rest/scope.js';

/** The field manager the server's own objects are recorded under, as on a real cluster. */
const MANAGER = 'kube-apiserver';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** k3s's default StorageClass: node-local directories, bound once a pod is scheduled. */
export const LOCAL_PATH_STORAGE_CLASS: KObject = {
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass',
  metadata: { name: 'local-path', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
  provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer',
};

export interface BootstrapOptions {
  /** Address pods use to reach the API server (Endpoints of the kubernetes service). */
  advertiseAddress: string;
  port: number;
  /** The service CIDR's first address. */
  kubernetesServiceIP: string;
  extraObjects?: Array<{ group: string; version: string; resource: string; obj: KObject }>;
}

function scopeFor(registry: Registry, group: string, version: string, resource: string, namespace?: string): Scope | undefined {
  const def = registry.index.lookup(group, version, resource);
  if (!def) return undefined;
  return { def, loc: registry.index.storageOf(def), namespace };
}

async function ensure(registry: Registry, scope: Scope | undefined, obj: KObject): Promise<void> {
  if (!scope) return;
  try {
    await registry.get(scope, obj.metadata.name ?? '');
  } catch (err) {
    if ((err as { code?: number }).code !== 404) throw err;
    await registry.create(scope, obj, { fieldManager: MANAGER });
  }
}

async function ensureUpdated(registry: Registry, scope: Scope | undefined, obj: KObject, fields: string[]): Promise<void> {
  if (!scope) return;
  try {
    const cur = await registry.get(scope, obj.metadata.name ?? '');
    if (fields.every((f) => JSON.stringify(cur[f]) === JSON.stringify(obj[f]))) return;
    await registry.guaranteedUpdate(scope, obj.metadata.name ?? '', (c) => {
      for (const f of fields) c[f] = obj[f];
      return c;
    }, { fieldManager: MANAGER });
  } catch (err) {
    if ((err as { code?: number }).code !== 404) throw err;
    await registry.create(scope, obj, { fieldManager: MANAGER });
  }
}

export async function bootstrap(registry: Registry, opts: BootstrapOptions): Promise<void> {
  const ns = scopeFor(registry, '', 'v1', 'namespaces');
  for (const name of SYSTEM_NAMESPACES) await ensure(registry, ns, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  await ensure(registry, scopeFor(registry, '', 'v1', 'services', 'default'), {
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      type: 'ClusterIP', clusterIP: opts.kubernetesServiceIP, sessionAffinity: 'None',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: opts.port }],
    },
  });
  await ensure(registry, scopeFor(registry, 'storage.k8s.io', 'v1', 'storageclasses'), structuredClone(LOCAL_PATH_STORAGE_CLASS));
  // Pods cannot reach a loopback address, and Kubernetes refuses one in endpoints.
  if (!opts.advertiseAddress.startsWith('127.')) await ensureEndpoints(registry, opts);
  await ensureExtras(registry, opts);
}

async function ensureEndpoints(registry: Registry, opts: BootstrapOptions): Promise<void> {
  await ensureUpdated(registry, scopeFor(registry, '', 'v1', 'endpoints', 'default'), {
    apiVersion: 'v1', kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: opts.advertiseAddress }], ports: [{ name: 'https', port: opts.port, protocol: 'TCP' }] }],
  }, ['subsets']);
  await ensureUpdated(registry, scopeFor(registry, 'discovery.k8s.io', 'v1', 'endpointslices', 'default'), {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [opts.advertiseAddress], conditions: { ready: true } }],
    ports: [{ name: 'https', port: opts.port, protocol: 'TCP' }],
  }, ['endpoints', 'ports']);
}

async function ensureExtras(registry: Registry, opts: BootstrapOptions): Promise<void> {
  for (const x of opts.extraObjects ?? []) {
    await ensure(registry, scopeFor(registry, x.group, x.version, x.resource, x.obj.metadata.namespace), x.obj);
  }
}
