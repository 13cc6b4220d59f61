/**
 * flowcontrol.apiserver.k8s.io/v1 PriorityLevelConfiguration: Kubernetes' v1 defaults (30 shares,
 * 64 queues of hand size 8 and length 50, nothing lendable), validation and `kubectl get` columns.
 * Stored, not enforced.
 */
import { age } from '../../meta/age.js';
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import type { ResourceDef } from '../../resource.js';
import { deepEqual } from '../apps/value-rules.js';
import { mandatorySpec } from './bootstrap.js';
import { APF_NOT_ENFORCED } from './not-enforced.js';
import { PriorityLevelConfigurationSchema } from './schema.js';

interface Queuing { queues?: number; handSize?: number; queueLengthLimit?: number }
interface Limited { nominalConcurrencyShares?: number; limitResponse?: { type?: string; queuing?: Queuing }; lendablePercent?: number; borrowingLimitPercent?: number }
export interface PriorityLevelConfigurationLike extends KObject {
  spec?: { type?: string; limited?: Limited; exempt?: { nominalConcurrencyShares?: number; lendablePercent?: number } };
  status?: { conditions?: Array<{ type?: string }> };
}

/** SetDefaults of v1 Limited/Exempt configurations and queuing. */
export function defaultPriorityLevel(pl: PriorityLevelConfigurationLike): void {
  const spec = pl.spec;
  if (!spec) return;
  if (spec.limited) {
    spec.limited.nominalConcurrencyShares ??= 30;
    spec.limited.lendablePercent ??= 0;
    const q = spec.limited.limitResponse?.queuing;
    if (q) {
      if (!q.handSize) q.handSize = 8;
      if (!q.queues) q.queues = 64;
      if (!q.queueLengthLimit) q.queueLengthLimit = 50;
    }
  }
  if (spec.exempt) {
    spec.exempt.nominalConcurrencyShares ??= 0;
    spec.exempt.lendablePercent ??= 0;
  }
}

/** Bits of hash needed to deal a hand of handSize cards from deckSize queues (shuffle sharding). */
function entropyBits(deckSize: number, handSize: number): number {
  return Math.ceil(Math.log2(deckSize) * handSize);
}

function validateQueuing(q: Queuing, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const [queues, hand, limit] = [q.queues ?? 0, q.handSize ?? 0, q.queueLengthLimit ?? 0];
  if (limit <= 0) errs.push(fe.invalid(fe.child(path, 'queueLengthLimit'), limit, 'must be positive'));
  if (queues <= 0) errs.push(fe.invalid(fe.child(path, 'queues'), queues, 'must be positive'));
  else if (queues > 10_000_000) errs.push(fe.invalid(fe.child(path, 'queues'), queues, 'must not be greater than 10000000'));
  if (hand <= 0) errs.push(fe.invalid(fe.child(path, 'handSize'), hand, 'must be positive'));
  else if (hand > queues) errs.push(fe.invalid(fe.child(path, 'handSize'), hand, `should not be greater than queues (${queues})`));
  else if (entropyBits(queues, hand) > 60) {
    errs.push(fe.invalid(fe.child(path, 'handSize'), hand, `required entropy bits of deckSize ${queues} and handSize ${hand} should not be greater than 60`));
  }
  return errs;
}

const percent = (v: number | undefined, path: string): FieldError[] =>
  (v !== undefined && (v < 0 || v > 100) ? [fe.invalid(path, v, 'must be between 0 and 100, inclusive')] : []);

function validateLimited(l: Limited, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const shares = l.nominalConcurrencyShares ?? 0;
  if (shares < 0) errs.push(fe.invalid(fe.child(path, 'nominalConcurrencyShares'), shares, 'must be a non-negative integer'));
  const lr = l.limitResponse ?? {};
  const lrPath = fe.child(path, 'limitResponse');
  if (lr.type === 'Reject') {
    if (lr.queuing) errs.push(fe.forbidden(fe.child(lrPath, 'queuing'), 'must be nil if limited.limitResponse.type is not Limited'));
  } else if (lr.type === 'Queue') {
    if (!lr.queuing) errs.push(fe.required(fe.child(lrPath, 'queuing'), 'must not be empty if limited.limitResponse.type is Limited'));
    else errs.push(...validateQueuing(lr.queuing, fe.child(lrPath, 'queuing')));
  } else errs.push(fe.notSupported(fe.child(lrPath, 'type'), lr.type ?? '', ['Queue', 'Reject']));
  errs.push(...percent(l.lendablePercent, fe.child(path, 'lendablePercent')));
  if (l.borrowingLimitPercent !== undefined && l.borrowingLimitPercent < 0) {
    errs.push(fe.invalid(fe.child(path, 'borrowingLimitPercent'), l.borrowingLimitPercent, 'if specified, must be a non-negative integer'));
  }
  return errs;
}

export function validatePriorityLevel(pl: PriorityLevelConfigurationLike): FieldError[] {
  const spec = pl.spec ?? {};
  const errs: FieldError[] = [];
  if ((pl.metadata.name === 'exempt') !== (spec.type === 'Exempt')) errs.push(fe.invalid('spec.type', spec.type ?? '', "type must be 'Exempt' if and only if name is 'exempt'"));
  switch (spec.type) {
    case 'Exempt':
      if (spec.limited) errs.push(fe.forbidden('spec.limited', 'must be nil if the type is not Limited'));
      if (spec.exempt) {
        const shares = spec.exempt.nominalConcurrencyShares ?? 0;
        if (shares < 0) errs.push(fe.invalid('spec.exempt.nominalConcurrencyShares', shares, 'must be a non-negative integer'));
        errs.push(...percent(spec.exempt.lendablePercent, 'spec.exempt.lendablePercent'));
      }
      break;
    case 'Limited':
      if (spec.exempt) errs.push(fe.forbidden('spec.exempt', 'must be nil if the type is Limited'));
      if (!spec.limited) errs.push(fe.required('spec.limited', 'must not be empty when type is Limited'));
      else errs.push(...validateLimited(spec.limited, 'spec.limited'));
      break;
    default:
      errs.push(fe.notSupported('spec.type', spec.type ?? '', ['Exempt', 'Limited']));
  }
  const fixed = mandatorySpec('PriorityLevelConfiguration', pl.metadata.name);
  if (fixed && !deepEqual(pl.spec, fixed)) errs.push(fe.invalid('spec', pl.spec, `spec of '${pl.metadata.name ?? ''}' must equal the fixed value`));
  (pl.status?.conditions ?? []).forEach((c, i) => { if (!c.type) errs.push(fe.required(`status.conditions[${i}].type`, 'must not be empty')); });
  return errs;
}

/** The NOMINALCONCURRENCYSHARES, QUEUES, HANDSIZE and QUEUELENGTHLIMIT cells ("<none>" where not Limited/queued). */
export function priorityLevelCells(pl: PriorityLevelConfigurationLike): unknown[] {
  const l = pl.spec?.limited;
  const q = l?.limitResponse?.queuing;
  return [l ? l.nominalConcurrencyShares ?? 0 : '<none>', q ? q.queues ?? 0 : '<none>', q ? q.handSize ?? 0 : '<none>', q ? q.queueLengthLimit ?? 0 : '<none>'];
}

export const prioritylevelconfigurations: ResourceDef = {
  group: 'flowcontrol.apiserver.k8s.io', version: 'v1', kind: 'PriorityLevelConfiguration',
  plural: 'prioritylevelconfigurations', singular: 'prioritylevelconfiguration',
  namespaced: false,
  schema: PriorityLevelConfigurationSchema,
  subresources: { status: true },
  defaults: (obj) => defaultPriorityLevel(obj as PriorityLevelConfigurationLike),
  validate: (obj) => validatePriorityLevel(obj as PriorityLevelConfigurationLike),
  warnings: () => [APF_NOT_ENFORCED('PriorityLevelConfiguration')],
  table: {
    columns: [
      { name: 'Type', type: 'string', description: 'Exempt or Limited.', priority: 0 },
      { name: 'NominalConcurrencyShares', type: 'string', description: 'Share of the server\'s concurrency.', priority: 0 },
      { name: 'Queues', type: 'string', description: 'Number of queues.', priority: 0 },
      { name: 'HandSize', type: 'string', description: 'Queues a flow is shuffle-sharded over.', priority: 0 },
      { name: 'QueueLengthLimit', type: 'string', description: 'Requests a queue may hold.', priority: 0 },
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
    ],
    cells: (obj, now) => [(obj as PriorityLevelConfigurationLike).spec?.type ?? '', ...priorityLevelCells(obj as PriorityLevelConfigurationLike),
      age(obj.metadata.creationTimestamp, now)],
  },
};
