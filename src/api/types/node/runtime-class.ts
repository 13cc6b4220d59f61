/**
 * node.k8s.io/v1 RuntimeClass: names a container runtime configuration (the CRI handler) pods may
 * ask for, with its pod overhead and the nodes that have it. navarch's nodes run one handler, runc.
 */
import { age } from '../../meta/age.js';
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { isDNS1123Label } from '../../meta/names.js';
import type { KObject } from '../../meta/object-meta.js';
import { isQuantity, parseQuantity } from '../../meta/quantity.js';
import { kindFields } from '../../meta/type-fields.js';
import { validateLabels } from '../../meta/validate-meta.js';
import type { ResourceDef } from '../../resource.js';
import { field, listOf, mapOf, object, quantity, string, stringMap } from '../../schema/build.js';
import { TolerationSchema, validateTolerations, type TolerationLike } from '../core/common/index.js';

export const RuntimeClassSchema = object('io.k8s.api.node.v1.RuntimeClass', 'A container runtime configuration pods can select with runtimeClassName.', () => ({
  ...kindFields(),
  handler: field(string, 'The CRI handler that runs the pods, a DNS label (e.g. runc); cannot change.', { required: true, proto: 2 }),
  overhead: field(object('io.k8s.api.node.v1.Overhead', 'Resources a pod of this class uses besides its containers.', () => ({
    podFixed: field(mapOf(quantity), 'Fixed overhead per pod, e.g. {cpu: 250m, memory: 120Mi}.', { proto: 1 }),
  })), 'Resources a pod of this class uses besides its containers.', { proto: 3 }),
  scheduling: field(object('io.k8s.api.node.v1.Scheduling', 'The nodes that support the class.', () => ({
    nodeSelector: field(stringMap, 'Labels nodes of the class carry; merged into the pod\'s nodeSelector.', { proto: 1, mapType: 'atomic' }),
    tolerations: field(listOf(TolerationSchema), 'Tolerations added to the pods of the class.', { proto: 2, listType: 'atomic' }),
  })), 'The nodes that support the class.', { proto: 4 }),
}), { gvk: { group: 'node.k8s.io', version: 'v1', kind: 'RuntimeClass' } });

export interface RuntimeClassLike extends KObject {
  handler?: string;
  overhead?: { podFixed?: Record<string, string | number> };
  scheduling?: { nodeSelector?: Record<string, string>; tolerations?: TolerationLike[] };
}

export function validateRuntimeClass(rc: RuntimeClassLike): FieldError[] {
  const errs: FieldError[] = [];
  for (const m of isDNS1123Label(rc.handler ?? '')) errs.push(fe.invalid('handler', rc.handler ?? '', m));
  for (const [name, q] of Object.entries(rc.overhead?.podFixed ?? {})) {
    const path = `overhead.podFixed[${name}]`;
    if (!isQuantity(q)) continue;
    if ((parseQuantity(q) ?? 0) < 0) errs.push(fe.invalid(path, String(q), 'must be greater than or equal to 0'));
  }
  if (rc.scheduling) {
    errs.push(...validateLabels(rc.scheduling.nodeSelector, 'scheduling.nodeSelector'));
    errs.push(...validateTolerations(rc.scheduling.tolerations, 'scheduling.tolerations'));
  }
  return errs;
}

export const runtimeclasses: ResourceDef = {
  group: 'node.k8s.io', version: 'v1', kind: 'RuntimeClass', plural: 'runtimeclasses', singular: 'runtimeclass',
  namespaced: false,
  schema: RuntimeClassSchema,
  validate: (obj) => validateRuntimeClass(obj as RuntimeClassLike),
  validateUpdate(obj, old) {
    const n = (obj as RuntimeClassLike).handler ?? '';
    return n === ((old as RuntimeClassLike).handler ?? '') ? [] : [fe.invalid('handler', n, 'field is immutable')];
  },
  table: {
    columns: [
      { name: 'Handler', type: 'string', description: 'The CRI handler that runs the pods.', priority: 0 },
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
    ],
    cells: (obj, now) => [(obj as RuntimeClassLike).handler ?? '', age(obj.metadata.creationTimestamp, now)],
  },
};
