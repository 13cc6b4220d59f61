/**
 * Label selectors as the workload kinds use them: converting a LabelSelector into something that
 * matches label sets (metav1.LabelSelectorAsSelector), printing it as kubectl shows it
 * ("app=web,tier in (a,b)"), and printing plain label maps ("k=v,k2=v2").
 */
import type { LabelSelector } from '../../meta/label-selector.js';

type Op = 'Equals' | 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

interface Requirement {
  key: string;
  op: Op;
  values: string[];
}

export interface Selection {
  /** True when the selector selects everything (no requirements). */
  empty: boolean;
  /** True for a nil selector: it selects nothing. */
  nothing: boolean;
  matches(labels: Record<string, string> | undefined): boolean;
  /** The selector in kubectl's text form; "" for an empty selector. */
  toString(): string;
}

function matchOne(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  switch (r.op) {
    case 'Equals': return has && labels[r.key] === r.values[0];
    case 'In': return has && r.values.includes(labels[r.key]);
    case 'NotIn': return !has || !r.values.includes(labels[r.key]);
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
  }
}

function reqString(r: Requirement): string {
  switch (r.op) {
    case 'Equals': return `${r.key}=${r.values[0]}`;
    case 'In': return `${r.key} in (${[...r.values].sort().join(',')})`;
    case 'NotIn': return `${r.key} notin (${[...r.values].sort().join(',')})`;
    case 'Exists': return r.key;
    case 'DoesNotExist': return `!${r.key}`;
  }
}

const NOTHING: Selection = { empty: false, nothing: true, matches: () => false, toString: () => '' };

/**
 * Converts a LabelSelector; returns an error text when an expression is malformed (unknown
 * operator, missing or forbidden values), as LabelSelectorAsSelector fails.
 */
export function selectorFrom(sel: LabelSelector | undefined | null): Selection | { error: string } {
  if (sel === undefined || sel === null) return NOTHING;
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, op: 'Equals', values: [String(v)] });
  for (const e of sel.matchExpressions ?? []) {
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In': case 'NotIn':
        if (values.length === 0) return { error: 'for \'in\', \'notin\' operators, values set can\'t be empty' };
        reqs.push({ key: e.key, op: e.operator, values });
        break;
      case 'Exists': case 'DoesNotExist':
        if (values.length > 0) return { error: 'values set must be empty for exists and does not exist' };
        reqs.push({ key: e.key, op: e.operator, values: [] });
        break;
      default:
        return { error: `"${String(e.operator)}" is not a valid label selector operator` };
    }
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    empty: reqs.length === 0,
    nothing: false,
    matches: (labels) => reqs.every((r) => matchOne(r, labels ?? {})),
    toString: () => reqs.map(reqString).join(','),
  };
}

export function isSelection(v: Selection | { error: string }): v is Selection {
  return !('error' in v);
}

/** metav1.FormatLabelSelector: "<none>" for nil or empty selectors, "<error>" for malformed ones. */
export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  const s = selectorFrom(sel);
  if (!isSelection(s)) return '<error>';
  const text = s.toString();
  return text === '' ? '<none>' : text;
}

/** labels.FormatLabels: sorted "k=v" pairs joined by commas, "<none>" when empty. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${(labels as Record<string, string>)[k]}`).join(',');
}
