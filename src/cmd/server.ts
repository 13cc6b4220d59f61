/** `navarch server`: the API server, the controller manager and the scheduler in one process. */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ensureNodeToken, kubeDnsBootstrapObject, KUBELET_SERVING_CERT_PATH, kubeletServingCertHandler } from '../agent/index.js';

import { nthAddress, parseCidr, startApiServer, type RunningApiServer } from '../apiserver/index.js';
import { Clientset, componentUserAgent } from '../client/index.js';
import { startControllers } from '../controllers/index.js';
import { startScheduler } from '../scheduler/index.js';

export interface ServerFlags {
  dataDir?: string;
  datastoreEndpoint?: string;
  bindAddress?: string;
  httpsPort?: number;
  serviceCIDR?: string;
  clusterCIDR?: string;
  advertiseAddress?: string;
  tlsSans?: string[];
  /** The cluster DNS address (the kube-dns Service's ClusterIP); default the service range's 10th address. */
  clusterDNS?: string;
}

/** The cluster DNS address: as given, else the 10th address of the service range (10.43.0.10 by default). */
export function clusterDnsAddress(flags: { clusterDNS?: string; serviceCIDR?: string }): string {
  return flags.clusterDNS ?? nthAddress(parseCidr(flags.serviceCIDR ?? '10.43.0.0/16'), 10);
}

export function defaultDataDir(): string {
  return process.getuid?.() === 0 ? '/var/lib/navarch' : join(homedir(), '.navarch');
}

export async function runServer(flags: ServerFlags, log: (line: string) => void): Promise<RunningApiServer> {
  const started = performance.now();
  const dataDir = flags.dataDir ?? defaultDataDir();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const api = await startApiServer({
    dataDir,
    datastoreEndpoint: flags.datastoreEndpoint,
    bindAddress: flags.bindAddress,
    httpsPort: flags.httpsPort,
    serviceCIDR: flags.serviceCIDR,
    clusterCIDR: flags.clusterCIDR,
    advertiseAddress: flags.advertiseAddress,
    tlsSans: flags.tlsSans,
    extraObjects: [kubeDnsBootstrapObject(clusterDnsAddress(flags))],
    // Agents get their kubelet serving certificates here, signed by the cluster CA (node token required).
    extraRoutes: (pki) => ({ [KUBELET_SERVING_CERT_PATH]: kubeletServingCertHandler(pki) }),
  });
  // Agents join with this token (k3s-style: it carries the CA's hash, checked against /cacerts).
  ensureNodeToken(dataDir, api);
  const controllers = await startInProcessControllers(api);
  log(`navarch server listening on ${api.url} (ready in ${Math.round(performance.now() - started)} ms)`);
  log(`kubeconfig: ${api.kubeconfigPath}   (export KUBECONFIG=${api.kubeconfigPath})`);
  return {
    ...api,
    async stop() {
      await controllers.stop();
      await api.stop();
    },
  };
}

/**
 * The controller manager and the scheduler, talking to the API server over HTTPS like any client,
 * as system:kube-controller-manager and system:kube-scheduler.
 */
async function startInProcessControllers(api: RunningApiServer): Promise<{ stop(): Promise<void> }> {
  const id = await api.pki.issueClientCert('system:kube-controller-manager', []);
  const clientset = Clientset.fromCredentials({
    url: api.url, ca: api.pki.caCert, cert: id.cert, key: id.key, userAgent: componentUserAgent('kube-controller-manager'),
  });
  const running = startControllers(clientset, { caCert: api.pki.caCert, caKey: api.pki.caKey });
  const schedulerId = await api.pki.issueClientCert('system:kube-scheduler', []);
  const schedulerClient = Clientset.fromCredentials({
    url: api.url, ca: api.pki.caCert, cert: schedulerId.cert, key: schedulerId.key, userAgent: componentUserAgent('kube-scheduler'),
  });
  const scheduler = startScheduler(schedulerClient, { leaderElection: true });
  return {
    async stop() {
      await scheduler.stop();
      await running.stop();
      schedulerClient.close();
      clientset.close();
    },
  };
}

/** Stops cleanly on SIGINT/SIGTERM. */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (): void => {
    if (stopping) process.exit(1);
    stopping = true;
    stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
