/** Toleration: lets a pod run on tainted nodes; shared by pods and anything that schedules them. */
import { field, int64, object, string } from '../../../schema/build.js';

export const TolerationSchema = object('io.k8s.api.core.v1.Toleration', 'Lets a pod be scheduled onto (or stay on) nodes with a matching taint.', () => ({
  key: field(string, 'Taint key this toleration matches; empty with operator Exists matches every taint.', { proto: 1 }),
  operator: field(string, 'Equal (the default) or Exists (any value); Lt and Gt compare numeric values.', { proto: 2 }),
  value: field(string, 'Taint value to match; empty when the operator is Exists.', { proto: 3 }),
  effect: field(string, 'Taint effect to match (NoSchedule, PreferNoSchedule, NoExecute); empty matches all.', { proto: 4 }),
  tolerationSeconds: field(int64, 'For NoExecute: how long the pod stays bound after the taint appears; unset means forever.',
    { proto: 5 }),
}));
