/**
 * Test support (not part of any component's API): a one-node cluster in this process for exec,
 * attach, cp and port-forward through the real kubectl — an in-process API server with pods/exec,
 * attach and portforward routed to handlePodStream, a kubelet server on 127.0.0.1 behind a Node object,
 * and a real runc runtime (images from a local test registry) whose containers back the pods' statuses.
 * Everything it makes (containers, sandbox network namespaces, cgroups, folders) goes in stop().
 */
import { mkdtempSync, readdirSync, rmSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pod } from '../../api/types/core/pod/index.js';
import { isNotFound } from '../../client/index.js';
import { ImageStore, startTestRegistry, type TestRegistry } from '../../agent/images/index.js';
import { startKubeletServer, type KubeletServer, type LogSource, type StreamSource } from '../../agent/kubelet-server/index.js';
import { RuncRuntime, type RuntimeImage, type SandboxStatus } from '../../agent/runtime/index.js';
import { startApiFixture, type ApiFixture } from '../../testing/index.js';

const PODS = { group: '', version: 'v1', resource: 'pods' };
const NODES = { group: '', version: 'v1', resource: 'nodes' };

export interface ContainerSpec { name: string; command: string[]; stdin?: boolean; tty?: boolean }

export interface StreamCluster {
  fx: ApiFixture;
  kubelet: KubeletServer;
  runtime: RuncRuntime;
  nodeName: string;
  /** Creates a pod whose containers really run (busybox), its status saying so. */
  pod(name: string, containers: ContainerSpec[]): Promise<{ pod: Pod; sandbox: SandboxStatus; ids: Record<string, string> }>;
  stop(): Promise<void>;
}

export async function startStreamCluster(): Promise<StreamCluster> {
  const tag = `${process.pid}`;
  const dir = mkdtempSync(join(tmpdir(), `navarch-streams-${tag}-`));
  const cgroupRoot = `/navarch-streams-${tag}`;
  const cleanups: Array<() => Promise<void> | void> = [() => rmSync(dir, { recursive: true, force: true })];
  const stop = async (): Promise<void> => {
    for (const c of cleanups.splice(0).reverse()) await Promise.resolve(c()).catch(() => undefined);
  };
  try {
    const reg: TestRegistry = await startTestRegistry();
    cleanups.push(() => reg.stop());
    const images = new ImageStore({ root: join(dir, 'images'), registries: reg.mirrorConfig() });
    await images.init();
    const img = await images.pull('busybox:1.36');
    const busybox: RuntimeImage = { ref: 'busybox:1.36', id: img.id, repoDigest: img.repoDigests[0]!, layerDirs: images.layerDirs(img), config: img.config };
    const runtime = new RuncRuntime({ root: join(dir, 'runtime'), cgroupRoot });
    await runtime.init();
    cleanups.push(async () => {
      for (const s of runtime.listSandboxes()) await runtime.removeSandbox(s.id).catch(() => undefined);
      await runtime.close();
      // Pod and container cgroups under the test's root go first (rmdir needs empty cgroups).
      const removeTree = (d: string, depth: number): void => {
        if (depth > 4) return;
        let entries: string[] = [];
        try { entries = readdirSync(d, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name); } catch { return; }
        for (const e of entries) removeTree(join(d, e), depth + 1);
        try { rmdirSync(d); } catch { /* busy or gone */ }
      };
      for (const h of readdirSync('/sys/fs/cgroup')) removeTree(join('/sys/fs/cgroup', h, cgroupRoot), 0);
    });

    const fx = await startApiFixture();
    cleanups.push(() => fx.stop());

    const nodeName = `node-${tag}`;
    const pods = fx.clientset.resource<Pod>(PODS).namespace('default');
    const logsRoot = join(dir, 'pod-logs');
    const logDirOf = (p: Pod): string => join(logsRoot, `${p.metadata.namespace}_${p.metadata.name}_${p.metadata.uid}`);
    const idOf = (containerID: string): string => containerID.replace(/^runc:\/\//, '');
    const logs: LogSource = {
      async pod(namespace, name) {
        try {
          const p = await fx.clientset.resource<Pod>(PODS).namespace(namespace).get(name);
          return p.spec?.nodeName === nodeName ? { pod: p, logDirectory: logDirOf(p) } : undefined;
        } catch (err) {
          if (isNotFound(err)) return undefined;
          throw err;
        }
      },
      isRunning: async (id) => (await runtime.containerStatus(idOf(id)))?.state === 'running',
    };
    const streams: StreamSource = {
      exec: (id, opts) => runtime.exec(idOf(id), opts),
      sandbox: (uid) => {
        const s = runtime.listSandboxes().find((sb) => sb.config.uid === uid);
        return s ? { id: s.id, ...(s.netnsPath ? { netnsPath: s.netnsPath } : {}) } : undefined;
      },
    };
    const serving = await fx.server.pki.issueServingCert({ ips: ['127.0.0.1'], hostnames: [nodeName] });
    const kubelet = await startKubeletServer({
      cert: serving.cert, key: serving.key, clientCA: fx.server.pki.caCert, port: 0, host: '127.0.0.1', logs, streams,
    });
    cleanups.push(() => kubelet.close());
    await fx.clientset.resource<{ apiVersion: string; kind: string; metadata: { name: string } }>({ group: '', version: 'v1', resource: 'serviceaccounts' })
      .namespace('default').create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } });
    const nodes = fx.clientset.resource<{ apiVersion: string; kind: string; metadata: { name: string } }>(NODES);
    await nodes.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: nodeName } });
    await nodes.patch(nodeName, 'merge', {
      status: { addresses: [{ type: 'InternalIP', address: '127.0.0.1' }], daemonEndpoints: { kubeletEndpoint: { Port: kubelet.port } } },
    }, { subresource: 'status' });

    return {
      fx, kubelet, runtime, nodeName, stop,
      async pod(name, containers) {
        const created = await pods.create({
          apiVersion: 'v1', kind: 'Pod', metadata: { name },
          spec: { nodeName, containers: containers.map((c) => ({ name: c.name, image: 'busybox:1.36', command: c.command, stdin: c.stdin, tty: c.tty })) },
        } as Pod);
        const sandbox = await runtime.createSandbox({ name, namespace: 'default', uid: created.metadata.uid!, hostname: name });
        const ids: Record<string, string> = {};
        for (const c of containers) {
          const st = await runtime.createContainer(sandbox.id, {
            name: c.name, command: c.command, logPath: join(logDirOf(created), c.name, '0.log'),
          }, busybox);
          await runtime.startContainer(st.id);
          ids[c.name] = st.id;
        }
        const pod = await pods.patch(name, 'merge', {
          status: {
            phase: 'Running',
            containerStatuses: containers.map((c) => ({
              name: c.name, containerID: `runc://${ids[c.name]}`, restartCount: 0, ready: true, image: 'busybox:1.36', imageID: '', state: { running: {} },
            })),
          },
        }, { subresource: 'status' });
        return { pod, sandbox, ids };
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
