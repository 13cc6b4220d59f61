/**
 * For this folder's tests: the endpoints folder's pod and service writers, plus Nodes (with a
 * zone). Not exported.
 */
import type { Clientset } from '../../client/index.js';
import { NODES } from '../endpoints/index.js';

export * from '../endpoints/test-objects.js';

export async function makeNode(cs: Clientset, name: string, zone?: string): Promise<void> {
  await cs.resource(NODES).create({
    apiVersion: 'v1', kind: 'Node', metadata: { name, labels: zone ? { 'topology.kubernetes.io/zone': zone } : {} },
  });
}
