/**
 * Assembles and starts the API server: store, watch cache, registry with admission, bootstrap
 * objects, TLS and routes. Returns a handle to stop it.
 */
import { networkInterfaces } from 'node:os';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:https';
import {
  builtinResources, localAPIServices, MANDATORY_FLOW_SCHEMAS, MANDATORY_PRIORITY_LEVELS, systemPriorityClasses, type KObject, type ResourceDef,
} from '../api/index.js';
import { servedGroups } from './discovery/index.js';
import { loadOrCreatePki, writeKubeconfig, type Pki } from '../pki/index.js';
import { openBackend, type Backend } from '../storage/index.js';
import {
  AdmissionChain, DefaultStorageClass, DefaultTolerationSeconds, LimitRanger, NamespaceLifecycle, nthAddress, parseCidr, PriorityAdmission,
  quotaAccess, ResourceQuotaAdmission, ServiceAccountAdmission, ServiceAllocator,
} from './admission/index.js';
import { bootstrap } from './bootstrap.js';
import { KubeletClient, KUBELET_CLIENT_USER } from './handlers/kubelet-client.js';
import { WatchCache } from './cache/index.js';
import { ResourceIndex } from './registry/resource-index.js';
import { Registry } from './rest/registry.js';
import { buildRoutes } from './routes.js';
import type { NonResourceHandler } from './non-resource.js';
import { RequestMetrics } from './request-metrics.js';
import { createApiServer } from './server.js';
import type { UserInfo } from './authn.js';
import { createAuthServices } from './virtual/index.js';
import { CustomResourceServing } from './crd/index.js';

export interface ApiServerConfig {
  dataDir: string;
  /** sqlite://PATH, etcd://HOST:PORT[,…] or memory://; default sqlite://<dataDir>/state.db */
  datastoreEndpoint?: string;
  bindAddress?: string;
  httpsPort?: number;
  serviceCIDR?: string;
  clusterCIDR?: string;
  nodePortRange?: [number, number];
  advertiseAddress?: string;
  /** Extra host names / IPs for the serving certificate. */
  tlsSans?: string[];
  resources?: readonly ResourceDef[];
  version?: string;
  /** Objects created at start when missing (add-ons' Services, e.g. kube-dns). */
  extraObjects?: Array<{ group: string; version: string; resource: string; obj: KObject }>;
  /** Admission plugins to leave out, by name (kube-apiserver's --disable-admission-plugins), e.g. ["ServiceAccount"]. */
  disableAdmissionPlugins?: string[];
  /** More non-resource routes, made once the PKI is loaded (navarch server: the kubelet serving-certificate route agents use). */
  extraRoutes?: (pki: Pki) => Record<string, NonResourceHandler>;
}

export interface RunningApiServer {
  server: Server;
  url: string;
  port: number;
  kubeconfigPath: string;
  pki: Pki;
  registry: Registry;
  backend: Backend;
  /** Registers a bearer token (agents, service accounts) → identity. */
  addToken(token: string, user: UserInfo): void;
  stop(): Promise<void>;
}

export function hostAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

export async function startApiServer(cfg: ApiServerConfig): Promise<RunningApiServer> {
  const serviceRange = parseCidr(cfg.serviceCIDR ?? '10.43.0.0/16');
  const bind = cfg.bindAddress ?? '0.0.0.0';
  const port = cfg.httpsPort ?? 6443;
  const advertise = cfg.advertiseAddress ?? (bind === '0.0.0.0' || bind === '::' || bind.startsWith('127.') ? hostAddress() : bind);
  const kubernetesIP = nthAddress(serviceRange, 1);
  const ipSans = [kubernetesIP, advertise, ...(cfg.tlsSans ?? []).filter((s) => /^[\d.]+$/.test(s))];
  const pki = await loadOrCreatePki(cfg.dataDir, { ips: ipSans, hostnames: (cfg.tlsSans ?? []).filter((s) => !/^[\d.]+$/.test(s)) });
  const backend = await openBackend(cfg.datastoreEndpoint ?? `sqlite://${cfg.dataDir}/state.db`);
  const cache = new WatchCache(backend);
  await cache.start();
  const index = new ResourceIndex(cfg.resources ?? builtinResources);
  const nodePorts = cfg.nodePortRange ?? [30000, 32767];
  const disabled = new Set(cfg.disableAdmissionPlugins ?? []);
  const admission = new AdmissionChain([
    new NamespaceLifecycle(cache, backend),
    new LimitRanger({ cache, backend }),
    new ServiceAllocator(cache, serviceRange, nodePorts),
    new ServiceAccountAdmission({ cache, backend }),
    new PriorityAdmission(cache),
    new DefaultTolerationSeconds(),
    new DefaultStorageClass(cache),
    // Last, as in Kubernetes: it charges the quota for what the others let through.
    new ResourceQuotaAdmission(quotaAccess({ cache, backend, registry: (): Registry => registry })),
  ].filter((p) => !disabled.has(p.name)));
  const registry: Registry = new Registry(backend, cache, index, admission, { serviceCIDRs: [serviceRange.text], nodePortRange: nodePorts });
  // Custom resources: every CRD in the store is served (before listening, for those stored already).
  const customResources = new CustomResourceServing(registry);
  customResources.start();
  const tokens = new Map<string, UserInfo>();
  const auth = await createAuthServices({ dataDir: cfg.dataDir, registry, staticTokens: (t) => tokens.get(t) });
  // The identity presented to kubelets (pods/log), issued from the cluster CA when first needed.
  const kubelet = new KubeletClient({ ca: pki.caCert, clientCert: () => pki.issueClientCert(KUBELET_CLIENT_USER, ['system:masters']) });
  const metrics = new RequestMetrics();
  const routes = buildRoutes(index, cfg.version ?? '0.1.0', () => cache.currentRevision >= 0, () => `${advertise}:${(server.address() as AddressInfo | null)?.port ?? port}`, pki.caCert, metrics);
  for (const [path, handler] of Object.entries(cfg.extraRoutes?.(pki) ?? {})) routes.add(path, handler);
  const server = createApiServer({
    metrics,
    tls: { cert: pki.servingCert, key: pki.servingKey, ca: pki.caCert },
    registry,
    kubelet,
    tokens: auth.authenticateToken,
    virtual: auth.handler,
    nonResource: routes,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, bind, () => { server.off('error', reject); resolve(); });
  });
  const actualPort = (server.address() as AddressInfo).port;
  await bootstrap(registry, {
    advertiseAddress: advertise, port: actualPort, kubernetesServiceIP: kubernetesIP,
    extraObjects: [
      ...systemPriorityClasses.map((obj) => ({ group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses', obj })),
      ...controlPlaneObjects(cfg.resources ?? builtinResources),
      ...cfg.extraObjects ?? [],
    ].filter((o) => index.lookup(o.group, o.version, o.resource)),
  });
  const host = bind === '0.0.0.0' || bind === '::' ? '127.0.0.1' : bind;
  const url = `https://${host}:${actualPort}`;
  const kubeconfigPath = await writeKubeconfig(cfg.dataDir, url, pki);
  return {
    server, url, port: actualPort, kubeconfigPath, pki, registry, backend,
    addToken: (t, u) => { tokens.set(t, u); },
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      kubelet.close();
      customResources.stop();
      cache.stop();
      await backend.close();
    },
  };
}

/**
 * What kube-apiserver keeps in its own store: the mandatory API Priority and Fairness objects and one
 * Local APIService per served group version.
 */
function controlPlaneObjects(resources: readonly ResourceDef[]): Array<{ group: string; version: string; resource: string; obj: KObject }> {
  const flow = 'flowcontrol.apiserver.k8s.io';
  const groupVersions = servedGroups(resources).flatMap((g) => g.versions.map((version) => ({ group: g.name, version })));
  return [
    ...MANDATORY_PRIORITY_LEVELS.map((obj) => ({ group: flow, version: 'v1', resource: 'prioritylevelconfigurations', obj })),
    ...MANDATORY_FLOW_SCHEMAS.map((obj) => ({ group: flow, version: 'v1', resource: 'flowschemas', obj })),
    ...localAPIServices(groupVersions).map((obj) => ({ group: 'apiregistration.k8s.io', version: 'v1', resource: 'apiservices', obj: obj as KObject })),
  ];
}
