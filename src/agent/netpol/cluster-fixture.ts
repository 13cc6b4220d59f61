/**
 * Test support: an API server in the test's process (src/testing) holding the namespaces, pods
 * and NetworkPolicies the enforcer tests need, pods given their addresses through the status
 * subresource as the kubelet would, and the informer factory an enforcer reads.
 */
import type { KObject } from '../../api/index.js';
import type { Pod } from '../../api/types/core/pod/index.js';
import type { NetworkPolicyLike, NetworkPolicySpec } from '../../api/types/networking/index.js';
import { isAlreadyExists, keyOf, SharedInformerFactory, type ResourceClient } from '../../client/index.js';
import { startApiFixture, type ApiFixture } from '../../testing/index.js';

const PODS = { group: '', version: 'v1', resource: 'pods' };
const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces' };
const POLICIES = { group: 'networking.k8s.io', version: 'v1', resource: 'networkpolicies' };

export interface TestPod {
  labels?: Record<string, string>;
  ports?: Array<{ name: string; containerPort: number; protocol?: string }>;
  node: string;
  ip: string;
}

export class TestCluster {
  readonly informers: SharedInformerFactory;
  private constructor(readonly fx: ApiFixture) {
    this.informers = new SharedInformerFactory(fx.clientset, { log: () => undefined });
  }

  static async start(): Promise<TestCluster> {
    return new TestCluster(await startApiFixture());
  }

  get pods(): ResourceClient<Pod> { return this.fx.clientset.resource<Pod>(PODS); }
  get namespaces(): ResourceClient<KObject> { return this.fx.clientset.resource<KObject>(NAMESPACES); }
  get policies(): ResourceClient<NetworkPolicyLike> { return this.fx.clientset.resource<NetworkPolicyLike>(POLICIES); }

  /** Creates a namespace, or sets the labels of one that exists (kube-system). */
  async namespace(name: string, labels: Record<string, string> = {}): Promise<void> {
    try {
      await this.namespaces.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      await this.namespaces.patch(name, 'merge', { metadata: { labels } });
    }
  }

  /** Creates a pod bound to `node` and reports it Running with `ip`. */
  async pod(ns: string, name: string, p: TestPod): Promise<void> {
    const created = await this.pods.namespace(ns).create({
      apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: p.labels ?? {} },
      spec: { nodeName: p.node, containers: [{ name: 'main', image: 'busybox', ports: p.ports }] },
    });
    await this.pods.namespace(ns).updateStatus({ ...created, status: { phase: 'Running', podIP: p.ip, podIPs: [{ ip: p.ip }] } });
  }

  async setPodLabels(ns: string, name: string, labels: Record<string, string>): Promise<void> {
    await this.pods.namespace(ns).patch(name, 'merge', { metadata: { labels } });
  }

  async policy(ns: string, name: string, spec: NetworkPolicySpec): Promise<void> {
    await this.policies.namespace(ns).create({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name }, spec });
  }

  /** Creates or replaces a policy. */
  async applyPolicy(ns: string, name: string, spec: NetworkPolicySpec): Promise<void> {
    const client = this.policies.namespace(ns);
    try {
      const cur = await client.get(name);
      await client.update({ ...cur, spec });
    } catch {
      await this.policy(ns, name, spec);
    }
  }

  async deletePolicy(ns: string, name: string): Promise<void> {
    await this.policies.namespace(ns).delete(name);
  }

  async deleteAllPolicies(): Promise<void> {
    for (const np of (await this.policies.list()).items) await this.deletePolicy(np.metadata.namespace ?? '', np.metadata.name ?? '');
  }

  /** Whether the informers hold exactly what the API server has (pods, namespaces, policies). */
  async caughtUp(): Promise<boolean> {
    for (const gvr of [PODS, NAMESPACES, POLICIES]) {
      const list = await this.fx.clientset.resource(gvr).list();
      const store = this.informers.forResource(gvr).store;
      if (store.size !== list.items.length) return false;
      for (const o of list.items) if (store.get(keyOf(o))?.metadata.resourceVersion !== o.metadata.resourceVersion) return false;
    }
    return true;
  }

  async stop(): Promise<void> {
    await this.informers.stop();
    await this.fx.stop();
  }
}
