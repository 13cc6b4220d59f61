/** coordination.k8s.io/v1 Lease: a lock with a holder and an expiry, for leader election and node heartbeats. */
import { age } from '../../meta/age.js';
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { isQualifiedName } from '../../meta/names.js';
import type { KObject } from '../../meta/object-meta.js';
import { kindFields } from '../../meta/type-fields.js';
import { field, int32, object, string, time } from '../../schema/build.js';
import type { ResourceDef } from '../../resource.js';

/** MicroTime: an RFC 3339 timestamp with microseconds ("2024-05-01T12:00:00.123456Z"). */
const microTime = time;

export const LeaseSpecSchema = object('io.k8s.api.coordination.v1.LeaseSpec', 'Who holds a lease, since when, and for how long.', () => ({
  holderIdentity: field(string, 'Identity of the current holder.', { proto: 1 }),
  leaseDurationSeconds: field(int32, 'How long other candidates wait after the last renewal before taking the lease over.', { proto: 2 }),
  acquireTime: field(microTime, 'When the current holder acquired the lease.', { proto: 3 }),
  renewTime: field(microTime, 'When the current holder last renewed the lease.', { proto: 4 }),
  leaseTransitions: field(int32, 'How many times the lease has changed holders.', { proto: 5 }),
  strategy: field(string, 'For coordinated leader election: how the leader is picked among candidates (OldestEmulationVersion).', { proto: 6 }),
  preferredHolder: field(string, 'For coordinated leader election: the candidate that should hold the lease next; needs strategy.', { proto: 7 }),
}));

export const LeaseSchema = object('io.k8s.api.coordination.v1.Lease', 'A lease: held by one identity at a time and renewed to keep it.', () => ({
  ...kindFields(),
  spec: field(LeaseSpecSchema, 'Holder and timing of the lease.', { proto: 2 }),
}), { gvk: { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease' } });

export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
  strategy?: string;
  preferredHolder?: string;
}
export interface LeaseLike extends KObject { spec?: LeaseSpec }

const STRATEGIES = ['OldestEmulationVersion'];

export function validateLeaseSpec(spec: LeaseSpec, path = 'spec'): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.leaseDurationSeconds !== undefined && spec.leaseDurationSeconds <= 0) {
    errs.push(fe.invalid(fe.child(path, 'leaseDurationSeconds'), spec.leaseDurationSeconds, 'must be greater than 0'));
  }
  if (spec.leaseTransitions !== undefined && spec.leaseTransitions < 0) {
    errs.push(fe.invalid(fe.child(path, 'leaseTransitions'), spec.leaseTransitions, 'must be greater than or equal to 0'));
  }
  if (spec.strategy !== undefined) {
    // Kubernetes reports these under spec.strategy.strategy.
    const sp = fe.child(fe.child(path, 'strategy'), 'strategy');
    if (!spec.strategy.includes('/')) {
      if (!STRATEGIES.includes(spec.strategy)) errs.push(fe.notSupported(sp, spec.strategy, STRATEGIES));
    } else {
      for (const m of isQualifiedName(spec.strategy)) errs.push(fe.invalid(sp, spec.strategy, m));
    }
  }
  if (spec.preferredHolder && !spec.strategy) {
    errs.push(fe.forbidden(fe.child(path, 'preferredHolder'), 'may only be specified if `strategy` is defined'));
  }
  return errs;
}

export const leases: ResourceDef = {
  group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', plural: 'leases', singular: 'lease',
  namespaced: true,
  schema: LeaseSchema,
  generation: false,
  validate: (obj) => validateLeaseSpec((obj as LeaseLike).spec ?? {}),
  table: {
    columns: [
      { name: 'Holder', type: 'string', description: 'Identity holding the lease.', priority: 0 },
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
    ],
    cells: (obj, now) => [(obj as LeaseLike).spec?.holderIdentity ?? '', age(obj.metadata.creationTimestamp, now)],
  },
};
