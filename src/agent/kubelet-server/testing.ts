/**
 * Test support for this folder (not part of the component's API): an in-process API server, a
 * kubelet server on 127.0.0.1 behind a Node object that points at it, pods whose status the test
 * sets, CRI log files in a temporary directory, and a LogSource over all that as the agent's would
 * be (pods and their statuses from the API, running containers from a set the test controls).
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isNotFound } from '../../client/index.js';
import type { Pod } from '../../api/types/core/pod/index.js';
import { startApiFixture, type ApiFixture } from '../../testing/index.js';
import { startKubeletServer, type KubeletServer } from './kubelet-server.js';
import type { LogSource, PodStatusView } from './log-source.js';

export const PODS = { group: '', version: 'v1', resource: 'pods' };
export const NODES = { group: '', version: 'v1', resource: 'nodes' };

export interface LogCluster {
  fx: ApiFixture;
  kubelet: KubeletServer;
  nodeName: string;
  /** Container IDs (runc://…) that count as running. */
  running: Set<string>;
  /** Names of pods the kubelet does not know (as if they ran elsewhere). */
  hidden: Set<string>;
  logsRoot: string;
  /** Creates a pod (bound to the node unless nodeName is ''), then sets its status. */
  pod(name: string, spec: Pod['spec'], status?: PodStatusView, annotations?: Record<string, string>): Promise<Pod>;
  /** Appends CRI records `<time> stdout F <line>` to a container instance's log file. */
  log(pod: Pod, container: string, attempt: number, lines: string[], time?: string): void;
  /** A GET against the API server as the admin, the body read whole. */
  api(path: string): Promise<{ status: number; body: string; contentType: string }>;
  /** A GET against the API server, the response to read as it streams. */
  apiStream(path: string): Promise<IncomingMessage>;
  stop(): Promise<void>;
}

export function logDirOf(root: string, pod: Pod): string {
  return join(root, `${pod.metadata.namespace}_${pod.metadata.name}_${pod.metadata.uid}`);
}

export async function startLogCluster(): Promise<LogCluster> {
  const fx = await startApiFixture();
  const logsRoot = mkdtempSync(join(tmpdir(), `navarch-kubelet-logs-${process.pid}-`));
  const running = new Set<string>();
  const hidden = new Set<string>();
  const nodeName = `node-${process.pid}`;
  const pods = fx.clientset.resource<Pod>(PODS);
  const source: LogSource = {
    async pod(namespace, name) {
      if (hidden.has(name)) return undefined;
      try {
        const pod = await pods.namespace(namespace).get(name);
        return pod.spec?.nodeName === nodeName ? { pod, logDirectory: logDirOf(logsRoot, pod) } : undefined;
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },
    isRunning: (id) => running.has(id),
  };
  let kubelet: KubeletServer | undefined;
  try {
    const serving = await fx.server.pki.issueServingCert({ ips: ['127.0.0.1'], hostnames: [nodeName] });
    kubelet = await startKubeletServer({ cert: serving.cert, key: serving.key, clientCA: fx.server.pki.caCert, port: 0, host: '127.0.0.1', logs: source });
    await fx.clientset.resource<{ apiVersion: string; kind: string; metadata: { name: string } }>({ group: '', version: 'v1', resource: 'serviceaccounts' })
      .namespace('default').create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } });
    const nodes = fx.clientset.resource<{ apiVersion: string; kind: string; metadata: { name: string } }>(NODES);
    await nodes.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: nodeName } });
    await nodes.patch(nodeName, 'merge', {
      status: { addresses: [{ type: 'InternalIP', address: '127.0.0.1' }, { type: 'Hostname', address: nodeName }], daemonEndpoints: { kubeletEndpoint: { Port: kubelet.port } } },
    }, { subresource: 'status' });
  } catch (err) {
    await kubelet?.close();
    await fx.stop();
    rmSync(logsRoot, { recursive: true, force: true });
    throw err;
  }
  const server = kubelet;

  const send = (path: string): Promise<IncomingMessage> => new Promise((resolve, reject) => {
    const u = new URL(path, fx.server.url);
    request(u, { agent: false, ca: fx.server.pki.caCert, cert: fx.server.pki.adminCert, key: fx.server.pki.adminKey }, resolve)
      .on('error', reject).end();
  });

  return {
    fx, kubelet: server, nodeName, running, hidden, logsRoot,
    async pod(name, spec, status, annotations) {
      const created = await pods.namespace('default').create({
        apiVersion: 'v1', kind: 'Pod', metadata: { name, ...(annotations ? { annotations } : {}) },
        spec: { ...spec, ...(spec?.nodeName === '' ? { nodeName: undefined } : { nodeName }) },
      } as Pod);
      if (!status) return created;
      return pods.namespace('default').patch(name, 'merge', { status }, { subresource: 'status' });
    },
    log(pod, container, attempt, lines, time = '2024-05-01T10:00:00.000000000Z') {
      const dir = join(logDirOf(logsRoot, pod), container);
      mkdirSync(dir, { recursive: true });
      appendFileSync(join(dir, `${attempt}.log`), lines.map((l) => `${time} stdout F ${l}\n`).join(''));
    },
    async api(path) {
      const res = await send(path);
      const chunks: Buffer[] = [];
      for await (const c of res) chunks.push(c as Buffer);
      return { status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), contentType: String(res.headers['content-type'] ?? '') };
    },
    apiStream: send,
    async stop() {
      await server.close();
      await fx.stop();
      rmSync(logsRoot, { recursive: true, force: true });
    },
  };
}

export async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
