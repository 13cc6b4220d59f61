/** Validation of a Job's podFailurePolicy and successPolicy, with Kubernetes' wording. */
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { isQualifiedName } from '../../meta/names.js';
import type { PodTemplateLike } from '../apps/workload-validation.js';

export interface FailurePolicy {
  rules?: Array<{
    action?: string;
    onExitCodes?: { containerName?: string; operator?: string; values?: number[] };
    onPodConditions?: Array<{ type?: string; status?: string }>;
  }>;
}

export interface SuccessPolicy {
  rules?: Array<{ succeededIndexes?: string; succeededCount?: number }>;
}

const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const OPERATORS = ['In', 'NotIn'];
const STATUSES = ['False', 'True', 'Unknown'];
const MAX_RULES = 20;
const MAX_EXIT_CODES = 255;
const MAX_PATTERNS = 20;
const MAX_SUCCEEDED_INDEXES = 64 * 1024;

/** Go's %q of a []string: ["a" "b"]. */
function goQuotedList(values: string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(' ')}]`;
}

function goInt32Slice(v: number[] | undefined): string {
  return v === undefined ? '[]int32(nil)' : `[]int32{${v.join(', ')}}`;
}

function validateExitCodes(req: NonNullable<NonNullable<FailurePolicy['rules']>[number]['onExitCodes']>, path: string, names: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  const op = req.operator ?? '';
  const opPath = fe.child(path, 'operator');
  if (op === '') errs.push(fe.required(opPath, `valid values: ${goQuotedList(OPERATORS)}`));
  else if (!OPERATORS.includes(op)) errs.push(fe.notSupported(opPath, op, OPERATORS));
  if (req.containerName !== undefined && req.containerName !== null && !names.has(req.containerName)) {
    errs.push(fe.invalid(fe.child(path, 'containerName'), req.containerName, 'must be one of the container or initContainer names in the pod template'));
  }
  const values = req.values ?? [];
  const vp = fe.child(path, 'values');
  if (values.length === 0) errs.push({ type: 'FieldValueInvalid', field: vp, message: `Invalid value: ${goInt32Slice(req.values)}: at least one value is required` });
  else if (values.length > MAX_EXIT_CODES) errs.push(fe.tooMany(vp, values.length, MAX_EXIT_CODES));
  const seen = new Set<number>();
  let ordered = true;
  values.forEach((v, j) => {
    const p = fe.index(vp, j);
    if (op === 'In' && v === 0) errs.push(fe.invalid(p, v, 'must not be 0 for the In operator'));
    if (seen.has(v)) errs.push(fe.duplicate(p, v));
    else seen.add(v);
    if (j > 0 && values[j - 1] > v) ordered = false;
  });
  if (!ordered) errs.push({ type: 'FieldValueInvalid', field: vp, message: `Invalid value: ${goInt32Slice(values)}: must be ordered` });
  return errs;
}

function validatePatterns(patterns: Array<{ type?: string; status?: string }>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (patterns.length > MAX_PATTERNS) errs.push(fe.tooMany(path, patterns.length, MAX_PATTERNS));
  patterns.forEach((pat, j) => {
    const p = fe.index(path, j);
    for (const m of isQualifiedName(pat.type ?? '')) errs.push(fe.invalid(fe.child(p, 'type'), pat.type ?? '', m));
    const status = pat.status ?? '';
    if (status === '') errs.push(fe.required(fe.child(p, 'status'), `valid values: ${goQuotedList(STATUSES)}`));
    else if (!STATUSES.includes(status)) errs.push(fe.notSupported(fe.child(p, 'status'), status, STATUSES));
  });
  return errs;
}

/** validatePodFailurePolicy. */
export function validateFailurePolicy(policy: FailurePolicy, backoffLimitPerIndex: number | undefined, tpl: PodTemplateLike, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const rules = policy.rules ?? [];
  const rulesPath = fe.child(path, 'rules');
  if (rules.length > MAX_RULES) errs.push(fe.tooMany(rulesPath, rules.length, MAX_RULES));
  const names = new Set([...(tpl.spec?.containers ?? []), ...(tpl.spec?.initContainers ?? [])].map((c) => c.name ?? ''));
  rules.forEach((rule, i) => {
    const rp = fe.index(rulesPath, i);
    const ap = fe.child(rp, 'action');
    const action = rule.action ?? '';
    if (action === '') errs.push(fe.required(ap, `valid values: ${goQuotedList(ACTIONS)}`));
    else if (action === 'FailIndex') {
      if (backoffLimitPerIndex === undefined || backoffLimitPerIndex === null) errs.push(fe.invalid(ap, action, 'requires the backoffLimitPerIndex to be set'));
    } else if (!ACTIONS.includes(action)) errs.push(fe.notSupported(ap, action, ACTIONS));
    const patterns = rule.onPodConditions ?? [];
    if (rule.onExitCodes) errs.push(...validateExitCodes(rule.onExitCodes, fe.child(rp, 'onExitCodes'), names));
    if (patterns.length > 0) errs.push(...validatePatterns(patterns, fe.child(rp, 'onPodConditions')));
    if (rule.onExitCodes && patterns.length > 0) errs.push(fe.invalid(rp, fe.OMIT, 'specifying both OnExitCodes and OnPodConditions is not supported'));
    if (!rule.onExitCodes && patterns.length === 0) errs.push(fe.invalid(rp, fe.OMIT, 'specifying one of OnExitCodes and OnPodConditions is required'));
  });
  return errs;
}

/** validateIndexesFormat: "1,3-5,7", increasing, below completions. Returns the count or an error. */
export function parseIndexes(text: string, completions: number): { total: number } | { error: string } {
  if (text.length === 0) return { total: 0 };
  let last: number | undefined;
  let total = 0;
  for (const interval of text.split(',')) {
    const limits = interval.split('-');
    if (limits.length > 2) return { error: `the fragment ${JSON.stringify(interval)} violates the requirement that an index interval can have at most two parts separated by '-'` };
    const bounds: number[] = [];
    for (const part of limits) {
      if (!/^[+-]?[0-9]+$/.test(part)) return { error: `cannot convert string to integer for index: ${JSON.stringify(part)}` };
      const n = Number(part);
      if (n >= completions) return { error: `too large index: ${JSON.stringify(part)}` };
      if (last !== undefined && last >= n) return { error: `non-increasing order, previous: ${last}, current: ${n}` };
      bounds.push(n);
      last = n;
    }
    total += bounds.length === 2 ? bounds[1] - bounds[0] + 1 : 1;
  }
  return { total };
}

/** validateSuccessPolicy (indexed jobs only). */
export function validateSuccessPolicy(policy: SuccessPolicy, completions: number, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const rules = policy.rules ?? [];
  const rulesPath = fe.child(path, 'rules');
  if (rules.length === 0) errs.push(fe.required(rulesPath, 'at least one rules must be specified when the successPolicy is specified'));
  if (rules.length > MAX_RULES) errs.push(fe.tooMany(rulesPath, rules.length, MAX_RULES));
  rules.forEach((rule, i) => {
    const rp = fe.index(rulesPath, i);
    if (rule.succeededCount === undefined && rule.succeededIndexes === undefined) {
      errs.push(fe.required(rp, 'at least one of succeededCount or succeededIndexes must be specified'));
    }
    let totalIndexes = 0;
    if (rule.succeededIndexes !== undefined) {
      const ip = fe.child(rp, 'succeededIndexes');
      if (rule.succeededIndexes.length > MAX_SUCCEEDED_INDEXES) errs.push(fe.tooLong(ip, MAX_SUCCEEDED_INDEXES));
      const parsed = parseIndexes(rule.succeededIndexes, completions);
      if ('error' in parsed) errs.push(fe.invalid(ip, rule.succeededIndexes, `error parsing succeededIndexes: ${parsed.error}`));
      else totalIndexes = parsed.total;
    }
    if (rule.succeededCount !== undefined) {
      const cp = fe.child(rp, 'succeededCount');
      if (rule.succeededCount < 0) errs.push(fe.invalid(cp, rule.succeededCount, 'must be greater than or equal to 0'));
      if (rule.succeededCount > completions) {
        errs.push(fe.invalid(cp, rule.succeededCount, `must be less than or equal to ${completions} (the number of specified completions)`));
      }
      if (rule.succeededIndexes !== undefined && rule.succeededCount > totalIndexes) {
        errs.push(fe.invalid(cp, rule.succeededCount, `must be less than or equal to ${totalIndexes} (the number of indexes in the specified succeededIndexes field)`));
      }
    }
  });
  return errs;
}
