/**
 * A set of simulated nodes in one process: chooses their numbers, registers them (NodeKeeper) and
 * drives the pods bound to them (PodDriver), over one clientset and one pod informer.
 */
import { SharedInformerFactory, type Clientset } from '../../client/index.js';
import { LEASES } from '../../client/index.js';
import type { NodeTemplate, SimulationConfig } from './config.js';
import { NodeKeeper } from './node-keeper.js';
import { buildNode, nodeIndex, NODE_LEASE_NAMESPACE, SIMULATED_LABEL } from './node-object.js';
import { PodDriver } from './pod-driver.js';
import type { LeaseObject, NodeObject } from './types.js';

export interface SimulatedNodesOptions {
  clientset: Clientset;
  count: number;
  template: NodeTemplate;
  config: SimulationConfig;
  /** Node numbers: 'fixed' takes 0…count-1 (the server's own nodes, adopted across restarts);
   *  'free' takes the lowest numbers with no node or an expired lease (an agent joining). */
  numbering: 'fixed' | 'free';
  log: (line: string) => void;
  random?: () => number;
}

export interface SimulatedNodes {
  readonly names: string[];
  /** Resolves when no pod status write is queued or in flight (for tests). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSimulatedNodes(o: SimulatedNodesOptions): Promise<SimulatedNodes> {
  const indices = o.numbering === 'fixed' ? Array.from({ length: o.count }, (_, i) => i) : await freeIndices(o.clientset, o.count, o.config);
  const factory = new SharedInformerFactory(o.clientset, { log: o.log });
  const driver = new PodDriver(o.clientset, factory, { config: o.config, log: o.log, random: o.random });
  factory.start();
  const keeper = new NodeKeeper(o.clientset, o.config, o.log);
  await keeper.register(indices.map((i) => buildNode(i, o.template)));
  keeper.start();
  if (!(await factory.waitForCacheSync(60_000))) o.log('simulated nodes: the pod informer has not synced after 60 s; carrying on');
  for (const name of keeper.names) {
    const node = keeper.node(name);
    if (node) driver.addNode(node);
  }
  const byNumber = (a: string, b: string): number => (nodeIndex(a) ?? 0) - (nodeIndex(b) ?? 0);
  return {
    names: keeper.names.sort(byNumber),
    idle: () => driver.idle(),
    async stop() {
      keeper.stop();
      driver.stop();
      await factory.stop();
    },
  };
}

/** The lowest node numbers not held by a live node: no Node by that name, or its Lease has expired. */
async function freeIndices(clientset: Clientset, count: number, config: SimulationConfig): Promise<number[]> {
  const nodes = await clientset.resource<NodeObject>({ group: '', version: 'v1', resource: 'nodes' }).list({ labelSelector: `${SIMULATED_LABEL}=simulated` });
  const leases = await clientset.resource<LeaseObject>(LEASES).namespace(NODE_LEASE_NAMESPACE).list();
  const renewed = new Map(leases.items.map((l) => [l.metadata.name ?? '', l]));
  const taken = new Set<number>();
  for (const n of nodes.items) {
    const i = nodeIndex(n.metadata.name ?? '');
    if (i === undefined) continue;
    const lease = renewed.get(n.metadata.name ?? '');
    const at = Date.parse(lease?.spec?.renewTime ?? '');
    const duration = (lease?.spec?.leaseDurationSeconds ?? config.leaseDurationSeconds) * 1000;
    if (Number.isFinite(at) && at + duration > Date.now()) taken.add(i);
  }
  const out: number[] = [];
  for (let i = 0; out.length < count; i++) if (!taken.has(i)) out.push(i);
  return out;
}
