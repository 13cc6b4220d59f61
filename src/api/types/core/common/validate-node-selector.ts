/**
 * Validation of node selectors (pod node affinity, PersistentVolume node affinity) and topology
 * selector terms (StorageClass allowedTopologies), with Kubernetes' wording and paths.
 */
import * as fe from '../../../meta/field-errors.js';
import type { FieldError } from '../../../meta/field-errors.js';
import { isDNS1123Subdomain, isLabelValue, isQualifiedName } from '../../../meta/names.js';

export interface NodeSelectorRequirementLike { key?: string; operator?: string; values?: string[] }
export interface NodeSelectorTermLike { matchExpressions?: NodeSelectorRequirementLike[]; matchFields?: NodeSelectorRequirementLike[] }
export interface NodeSelectorLike { nodeSelectorTerms?: NodeSelectorTermLike[] }

function list<T>(v: T[] | undefined | null): T[] {
  return Array.isArray(v) ? v : [];
}

/** ValidateNodeSelectorRequirement: a condition on a node label. */
export function validateNodeSelectorRequirement(
  rq: NodeSelectorRequirementLike, allowInvalidLabelValue: boolean, path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const values = list(rq.values);
  switch (rq.operator) {
    case 'In': case 'NotIn':
      if (values.length === 0) errs.push(fe.required(fe.child(path, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists': case 'DoesNotExist':
      if (values.length > 0) errs.push(fe.forbidden(fe.child(path, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt': case 'Lt':
      if (values.length !== 1) errs.push(fe.required(fe.child(path, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(fe.invalid(fe.child(path, 'operator'), rq.operator ?? '', 'not a valid selector operator'));
  }
  for (const m of isQualifiedName(rq.key ?? '')) errs.push(fe.invalid(fe.child(path, 'key'), rq.key ?? '', m));
  if (!allowInvalidLabelValue) {
    values.forEach((v, i) => {
      for (const m of isLabelValue(String(v))) errs.push(fe.invalid(fe.index(fe.child(path, 'values'), i), v, m));
    });
  }
  return errs;
}

/** ValidateNodeFieldSelectorRequirement: only metadata.name with In/NotIn and one value. */
export function validateNodeFieldSelectorRequirement(req: NodeSelectorRequirementLike, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (req.operator === 'In' || req.operator === 'NotIn') {
    if (list(req.values).length !== 1) {
      errs.push(fe.required(fe.child(path, 'values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    }
  } else {
    errs.push(fe.invalid(fe.child(path, 'operator'), req.operator ?? '', 'not a valid selector operator'));
  }
  if (req.key !== 'metadata.name') {
    errs.push(fe.invalid(fe.child(path, 'key'), req.key ?? '', 'not a valid field selector key'));
  } else {
    list(req.values).forEach((v, i) => {
      for (const m of isDNS1123Subdomain(String(v))) errs.push(fe.invalid(fe.index(fe.child(path, 'values'), i), v, m));
    });
  }
  return errs;
}

export function validateNodeSelectorTerm(term: NodeSelectorTermLike, allowInvalidLabelValue: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  list(term.matchExpressions).forEach((r, j) => {
    errs.push(...validateNodeSelectorRequirement(r ?? {}, allowInvalidLabelValue, fe.index(fe.child(path, 'matchExpressions'), j)));
  });
  list(term.matchFields).forEach((r, j) => {
    errs.push(...validateNodeFieldSelectorRequirement(r ?? {}, fe.index(fe.child(path, 'matchFields'), j)));
  });
  return errs;
}

/** ValidateNodeSelector: at least one term, each valid. */
export function validateNodeSelector(sel: NodeSelectorLike, allowInvalidLabelValue: boolean, path: string): FieldError[] {
  const termsPath = fe.child(path, 'nodeSelectorTerms');
  const terms = list(sel.nodeSelectorTerms);
  if (terms.length === 0) return [fe.required(termsPath, 'must have at least one node selector term')];
  return terms.flatMap((t, i) => validateNodeSelectorTerm(t ?? {}, allowInvalidLabelValue, fe.index(termsPath, i)));
}

export interface TopologySelectorTermLike { matchLabelExpressions?: Array<{ key?: string; values?: string[] }> }

/** ValidateTopologySelectorTerm: keys are label names, unique; values non-empty and unique. */
export function validateTopologySelectorTerm(term: TopologySelectorTermLike, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const keys = new Set<string>();
  list(term.matchLabelExpressions).forEach((rq, i) => {
    const p = fe.index(fe.child(path, 'matchLabelExpressions'), i);
    const valuesPath = fe.child(p, 'values');
    const values = list(rq?.values);
    if (values.length === 0) errs.push(fe.required(valuesPath, ''));
    const seen = new Set<string>();
    values.forEach((v, j) => {
      if (seen.has(v)) errs.push(fe.duplicate(fe.index(valuesPath, j), v));
      seen.add(v);
    });
    const key = rq?.key ?? '';
    for (const m of isQualifiedName(key)) errs.push(fe.invalid(fe.child(p, 'key'), key, m));
    if (keys.has(key)) errs.push(fe.duplicate(fe.child(p, 'key'), key));
    keys.add(key);
  });
  return errs;
}
