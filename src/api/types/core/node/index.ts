/** core/v1 Node: the ResourceDef for /api/v1/nodes (registered by node agents, cordoned by users). */
import { age } from '../../../meta/age.js';
import { defaultResourceList } from '../../../meta/resource-names.js';
import type { ResourceDef } from '../../../resource.js';
import { NodeSchema, type NodeLike } from './schema.js';
import { validateNode, validateNodeUpdate } from './validation.js';

export { NodeSchema, TaintSchema, NodeStatusSchema, NodeSpecSchema } from './schema.js';
export type { NodeLike, Taint, NodeCondition, NodeAddress } from './schema.js';
export { validateTaints } from './validation.js';

const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** Roles from node-role.kubernetes.io/<role> labels and the kubernetes.io/role label, sorted. */
export function nodeRoles(node: NodeLike): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX) && k.length > ROLE_PREFIX.length) roles.add(k.slice(ROLE_PREFIX.length));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort();
}

/** "Ready", "NotReady", "Unknown", with ",SchedulingDisabled" when cordoned. */
export function nodeStatusCell(node: NodeLike): string {
  const ready = (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
  const status = ready ? [ready.status === 'True' ? 'Ready' : 'NotReady'] : ['Unknown'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

function address(node: NodeLike, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

export const nodes: ResourceDef = {
  group: '', version: 'v1', kind: 'Node', plural: 'nodes', singular: 'node',
  namespaced: false, shortNames: ['no'],
  schema: NodeSchema,
  subresources: { status: true },
  keepStatusOnCreate: true,
  generation: false,
  defaults(obj) {
    const status = (obj as NodeLike).status;
    defaultResourceList(status?.capacity);
    defaultResourceList(status?.allocatable);
    if (status?.capacity && !status.allocatable) status.allocatable = { ...status.capacity };
  },
  // Node agents register with their status filled in: unlike most kinds, create keeps it.
  prepareForCreate() {},
  prepareForUpdate(obj, old) {
    (obj as NodeLike).status = (old as NodeLike).status;
  },
  validate: (obj) => validateNode(obj as NodeLike),
  validateUpdate: (obj, old) => validateNodeUpdate(obj as NodeLike, old as NodeLike),
  table: {
    columns: [
      { name: 'Status', type: 'string', description: 'Readiness of the node, and whether it takes new pods.', priority: 0 },
      { name: 'Roles', type: 'string', description: 'Roles from node-role.kubernetes.io labels.', priority: 0 },
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
      { name: 'Version', type: 'string', description: 'Version of the node agent.', priority: 0 },
      { name: 'Internal-IP', type: 'string', description: 'First InternalIP address of the node.', priority: 1 },
      { name: 'External-IP', type: 'string', description: 'First ExternalIP address of the node.', priority: 1 },
      { name: 'OS-Image', type: 'string', description: 'Operating system image of the node.', priority: 1 },
      { name: 'Kernel-Version', type: 'string', description: 'Kernel version of the node.', priority: 1 },
      { name: 'Container-Runtime', type: 'string', description: 'Container runtime and its version.', priority: 1 },
    ],
    cells(obj, now) {
      const node = obj as NodeLike;
      const info = node.status?.nodeInfo ?? {};
      const roles = nodeRoles(node).join(',');
      return [
        nodeStatusCell(node), roles || '<none>', age(obj.metadata.creationTimestamp, now), info.kubeletVersion ?? '',
        address(node, 'InternalIP'), address(node, 'ExternalIP'),
        info.osImage || '<unknown>', info.kernelVersion || '<unknown>', info.containerRuntimeVersion || '<unknown>',
      ];
    },
  },
  selectableFields: { 'spec.unschedulable': (o) => String((o as NodeLike).spec?.unschedulable ?? false) },
};
