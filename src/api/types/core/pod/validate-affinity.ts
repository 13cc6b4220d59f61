/** Validation of affinity (node, pod, pod anti-affinity) and topology spread constraints. */
import * as fe from '../../../meta/field-errors.js';
import type { FieldError } from '../../../meta/field-errors.js';
import type { LabelSelector } from '../../../meta/label-selector.js';
import { isDNS1123Label } from '../../../meta/names.js';
import { validateLabelSelector } from '../../../meta/validate-meta.js';
import { validateNodeSelector, validateNodeSelectorTerm } from '../common/validate-node-selector.js';
import { entry, isObj, list, qualifiedName, type Obj } from './validate-helpers.js';
import type { Affinity, PodAffinityTerm, TopologySpreadConstraint, WeightedPodAffinityTerm } from './types.js';

function selectorKeys(sel: LabelSelector | undefined): Set<string> {
  const keys = new Set(Object.keys(sel?.matchLabels ?? {}));
  return keys;
}

function labelKeys(keys: unknown, sel: LabelSelector | undefined, path: string): FieldError[] {
  const items = list(keys as string[]);
  if (items.length === 0) return [];
  if (!sel) return [fe.forbidden(path, 'must not be specified when labelSelector is not set')];
  return items.flatMap((k, i) => qualifiedName(String(k), fe.index(path, i)));
}

function validateTerm(term: PodAffinityTerm, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const sel = isObj(term.labelSelector) ? term.labelSelector : undefined;
  errs.push(...validateLabelSelector(sel, fe.child(path, 'labelSelector')));
  errs.push(...validateLabelSelector(isObj(term.namespaceSelector) ? term.namespaceSelector : undefined, fe.child(path, 'namespaceSelector')));
  for (const ns of list(term.namespaces)) {
    for (const m of isDNS1123Label(String(ns))) errs.push(fe.invalid(fe.child(path, 'namespace'), ns, m));
  }
  const match = list(term.matchLabelKeys);
  const mismatch = list(term.mismatchLabelKeys);
  errs.push(...labelKeys(match, sel, fe.child(path, 'matchLabelKeys')));
  errs.push(...labelKeys(mismatch, sel, fe.child(path, 'mismatchLabelKeys')));
  if (sel) {
    const index = new Map(match.map((k, i) => [k, i]));
    const keys = selectorKeys(sel);
    for (const r of list(sel.matchExpressions)) {
      const key = entry(r).key ?? '';
      const i = index.get(key);
      if (i !== undefined && keys.has(key)) errs.push(fe.invalid(fe.index(path, i), key, 'exists in both matchLabelKeys and labelSelector'));
      keys.add(key);
    }
  }
  const mismatchSet = new Set(mismatch);
  match.forEach((k, i) => {
    if (mismatchSet.has(k)) errs.push(fe.invalid(fe.index(fe.child(path, 'matchLabelKeys'), i), k, 'exists in both matchLabelKeys and mismatchLabelKeys'));
  });
  const topologyKey = term.topologyKey ?? '';
  if (!topologyKey) errs.push(fe.required(fe.child(path, 'topologyKey'), 'can not be empty'));
  errs.push(...qualifiedName(topologyKey, fe.child(path, 'topologyKey')));
  return errs;
}

function validatePodAffinityRules(rules: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const req = fe.child(path, 'requiredDuringSchedulingIgnoredDuringExecution');
  list(rules.requiredDuringSchedulingIgnoredDuringExecution as PodAffinityTerm[]).forEach((t, i) => {
    errs.push(...validateTerm(entry(t), fe.index(req, i)));
  });
  const pref = fe.child(path, 'preferredDuringSchedulingIgnoredDuringExecution');
  list(rules.preferredDuringSchedulingIgnoredDuringExecution as WeightedPodAffinityTerm[]).forEach((raw, j) => {
    const w = entry(raw);
    const p = fe.index(pref, j);
    const weight = typeof w.weight === 'number' ? w.weight : 0;
    if (weight <= 0 || weight > 100) errs.push(fe.invalid(fe.child(p, 'weight'), weight, 'must be in the range 1-100'));
    errs.push(...validateTerm(entry(w.podAffinityTerm), fe.child(p, 'podAffinityTerm')));
  });
  return errs;
}

export function validateAffinity(affinity: unknown, path: string): FieldError[] {
  if (!isObj(affinity)) return [];
  const a = affinity as Affinity;
  const errs: FieldError[] = [];
  if (isObj(a.nodeAffinity)) {
    const np = fe.child(path, 'nodeAffinity');
    const required = a.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
    if (isObj(required)) errs.push(...validateNodeSelector(required, false, fe.child(np, 'requiredDuringSchedulingIgnoredDuringExecution')));
    list(a.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).forEach((raw, i) => {
      const t = entry(raw);
      const p = fe.index(fe.child(np, 'preferredDuringSchedulingIgnoredDuringExecution'), i);
      const weight = typeof t.weight === 'number' ? t.weight : 0;
      if (weight <= 0 || weight > 100) errs.push(fe.invalid(fe.child(p, 'weight'), weight, 'must be in the range 1-100'));
      errs.push(...validateNodeSelectorTerm(entry(t.preference), true, fe.child(p, 'preference')));
    });
  }
  if (isObj(a.podAffinity)) errs.push(...validatePodAffinityRules(a.podAffinity as Obj, fe.child(path, 'podAffinity')));
  if (isObj(a.podAntiAffinity)) errs.push(...validatePodAffinityRules(a.podAntiAffinity as Obj, fe.child(path, 'podAntiAffinity')));
  return errs;
}

const ACTIONS = ['DoNotSchedule', 'ScheduleAnyway'];
const POLICIES = ['Honor', 'Ignore'];

export function validateTopologySpread(constraints: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const items = list(constraints as TopologySpreadConstraint[]).map((c) => entry(c));
  items.forEach((c, i) => {
    const p = fe.index(path, i);
    const skew = typeof c.maxSkew === 'number' ? c.maxSkew : 0;
    if (skew <= 0) errs.push(fe.invalid(fe.child(p, 'maxSkew'), skew, 'must be greater than zero'));
    if (!c.topologyKey) errs.push(fe.required(fe.child(p, 'topologyKey'), 'can not be empty'));
    const action = c.whenUnsatisfiable ?? '';
    if (!ACTIONS.includes(action)) errs.push(fe.notSupported(fe.child(p, 'whenUnsatisfiable'), action, ACTIONS));
    const dup = items.slice(i + 1).some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable);
    if (dup) errs.push(fe.duplicate(fe.child(p, '{topologyKey, whenUnsatisfiable}'), `{${c.topologyKey ?? ''}, ${action}}`));
    if (typeof c.minDomains === 'number') {
      if (c.minDomains <= 0) errs.push(fe.invalid(fe.child(p, 'minDomains'), c.minDomains, 'must be greater than zero'));
      if (action !== 'DoNotSchedule') {
        errs.push(fe.invalid(fe.child(p, 'minDomains'), c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${action}`));
      }
    }
    for (const k of ['nodeAffinityPolicy', 'nodeTaintsPolicy'] as const) {
      const v = c[k];
      if (typeof v === 'string' && !POLICIES.includes(v)) errs.push(fe.notSupported(fe.child(p, k), v, POLICIES));
    }
    const keys = list(c.matchLabelKeys);
    const sel = isObj(c.labelSelector) ? c.labelSelector : undefined;
    if (keys.length) {
      const kp = fe.child(p, 'matchLabelKeys');
      if (!sel) errs.push(fe.forbidden(kp, 'must not be specified when labelSelector is not set'));
      const selKeys = selectorKeys(sel);
      for (const r of list(sel?.matchExpressions)) selKeys.add(entry(r).key ?? '');
      keys.forEach((k, j) => {
        errs.push(...qualifiedName(String(k), fe.index(kp, j)));
        if (selKeys.has(k)) errs.push(fe.invalid(fe.index(kp, j), k, 'exists in both matchLabelKeys and labelSelector'));
      });
    }
    errs.push(...validateLabelSelector(sel, fe.child(p, 'labelSelector')));
  });
  return errs;
}
