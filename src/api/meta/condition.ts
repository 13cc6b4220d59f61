/** metav1.Condition: the standard condition shape newer kinds use in status.conditions. */
import { enumOf, field, int64, object, string, time } from '../schema/build.js';

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export const ConditionSchema = object(
  'io.k8s.apimachinery.pkg.apis.meta.v1.Condition',
  'One aspect of the current state of an object, with when and why it last changed.',
  () => ({
    type: field(string, 'Kind of condition, in CamelCase (e.g. Available).', { required: true, proto: 1 }),
    status: field(enumOf('True', 'False', 'Unknown'), 'True, False or Unknown.', { required: true, proto: 2 }),
    observedGeneration: field(int64, 'metadata.generation the condition was computed from.', { proto: 3 }),
    lastTransitionTime: field(time, 'When status last changed.', { required: true, proto: 4 }),
    reason: field(string, 'Programmatic CamelCase identifier of why the condition is as it is.', { required: true, proto: 5 }),
    message: field(string, 'Human-readable details; may be empty.', { required: true, proto: 6 }),
  }),
);
