/** scheduling.k8s.io/v1 PriorityClass: a named pod priority, used for scheduling order and preemption. */
import { age } from '../../meta/age.js';
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import { kindFields } from '../../meta/type-fields.js';
import { boolean, enumOf, field, int32, object, string } from '../../schema/build.js';
import type { ResourceDef } from '../../resource.js';

export const PriorityClassSchema = object('io.k8s.api.scheduling.v1.PriorityClass', 'Maps a name to an integer priority that pods name in priorityClassName.', () => ({
  ...kindFields(),
  value: field(int32, 'The priority; higher runs first. User classes may go up to 1000000000. Cannot change.', { required: true, proto: 2 }),
  globalDefault: field(boolean, 'Whether pods naming no class get this one. At most one class may be the default.', { proto: 3 }),
  description: field(string, 'Free text saying when to use the class.', { proto: 4 }),
  preemptionPolicy: field(enumOf('Never', 'PreemptLowerPriority'), 'Whether pods of the class may evict lower-priority pods: PreemptLowerPriority (the default) or Never. Cannot change.', { proto: 5 }),
}), { gvk: { group: 'scheduling.k8s.io', version: 'v1', kind: 'PriorityClass' } });

export interface PriorityClassLike extends KObject {
  value?: number;
  globalDefault?: boolean;
  description?: string;
  preemptionPolicy?: string;
}

/** The highest value a class not named "system-…" may have. */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1000000000;
/** The value of system-cluster-critical; system-node-critical is 1000 above it. */
export const SYSTEM_CRITICAL_PRIORITY = 2 * HIGHEST_USER_DEFINABLE_PRIORITY;

function systemClass(name: string, value: number, description: string): PriorityClassLike {
  return {
    apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name },
    value, description, preemptionPolicy: 'PreemptLowerPriority',
  };
}

/** The classes the server creates at start-up, as Kubernetes does. */
export const systemPriorityClasses: readonly PriorityClassLike[] = [
  systemClass('system-node-critical', SYSTEM_CRITICAL_PRIORITY + 1000, 'Used for system critical pods that must not be moved from their current node.'),
  systemClass('system-cluster-critical', SYSTEM_CRITICAL_PRIORITY, 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.'),
];

function systemClassProblem(pc: PriorityClassLike): string | undefined {
  const known = systemPriorityClasses.find((s) => s.metadata.name === pc.metadata.name);
  if (!known) return `${pc.metadata.name ?? ''} is not a known system priority class`;
  if (known.value !== (pc.value ?? 0)) return `value of ${known.metadata.name} PriorityClass must be ${known.value}`;
  if (pc.globalDefault) return `globalDefault of ${known.metadata.name} PriorityClass must be false`;
  return undefined;
}

const POLICIES = ['PreemptLowerPriority', 'Never'];

export function validatePriorityClass(pc: PriorityClassLike): FieldError[] {
  const errs: FieldError[] = [];
  if ((pc.metadata.name ?? '').startsWith('system-')) {
    const problem = systemClassProblem(pc);
    if (problem) errs.push(fe.forbidden('metadata.name', `priority class names with 'system-' prefix are reserved for system use only. error: ${problem}`));
  } else if ((pc.value ?? 0) > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(fe.forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  if (pc.preemptionPolicy !== undefined) {
    if (pc.preemptionPolicy === '') errs.push(fe.required('preemptionPolicy', ''));
    else if (!POLICIES.includes(pc.preemptionPolicy)) errs.push(fe.notSupported('preemptionPolicy', pc.preemptionPolicy, POLICIES));
  }
  return errs;
}

export const priorityclasses: ResourceDef = {
  group: 'scheduling.k8s.io', version: 'v1', kind: 'PriorityClass', plural: 'priorityclasses', singular: 'priorityclass',
  namespaced: false, shortNames: ['pc'],
  schema: PriorityClassSchema,
  generation: false,
  defaults(obj) {
    const pc = obj as PriorityClassLike;
    pc.value ??= 0;
    pc.preemptionPolicy ??= 'PreemptLowerPriority';
  },
  validate: (obj) => validatePriorityClass(obj as PriorityClassLike),
  validateUpdate(obj, old) {
    const n = obj as PriorityClassLike;
    const o = old as PriorityClassLike;
    const errs: FieldError[] = [];
    if ((n.value ?? 0) !== (o.value ?? 0)) errs.push(fe.forbidden('value', 'may not be changed in an update.'));
    if (n.preemptionPolicy !== o.preemptionPolicy) errs.push(fe.invalid('preemptionPolicy', n.preemptionPolicy, 'field is immutable'));
    return errs;
  },
  prepareForCreate(obj) {
    obj.metadata.generation = 1;
  },
  prepareForUpdate(obj, old) {
    obj.metadata.generation = old.metadata.generation;
  },
  table: {
    columns: [
      { name: 'Value', type: 'integer', description: 'The priority of the class.', priority: 0 },
      { name: 'Global-Default', type: 'boolean', description: 'Whether pods without a class get this one.', priority: 0 },
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
      { name: 'PreemptionPolicy', type: 'string', description: 'Whether pods of the class may preempt others.', priority: 0 },
    ],
    cells: (obj, now) => {
      const pc = obj as PriorityClassLike;
      return [pc.value ?? 0, pc.globalDefault ?? false, age(obj.metadata.creationTimestamp, now), pc.preemptionPolicy ?? ''];
    },
  },
};
