/**
 * Label selectors in their string form ("app in (a,b),tier!=db,!canary,env") and as LabelSelector
 * objects: parsing with Kubernetes' error wording, and matching against an object's labels.
 */
import { badRequest, isLabelValue, isQualifiedName, type LabelSelector } from '../../api/index.js';

export type Op = '=' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement { key: string; op: Op; values: string[] }

/** A parsed selector: requirements that must all hold. Empty matches everything. */
export type Selector = Requirement[];

function matchOne(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = labels[r.key];
  switch (r.op) {
    case '=': return has && v === r.values[0];
    case '!=': return !has || v !== r.values[0];
    case 'in': return has && r.values.includes(v);
    case 'notin': return !has || !r.values.includes(v);
    case 'exists': return has;
    case '!': return !has;
    case 'gt': return has && Number(v) > Number(r.values[0]);
    case 'lt': return has && Number(v) < Number(r.values[0]);
  }
}

export function matches(sel: Selector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return sel.every((r) => matchOne(r, l));
}

function fail(msg: string): never {
  throw badRequest(`unable to parse requirement: ${msg}`);
}

function checkKey(key: string): void {
  const errs = isQualifiedName(key);
  if (errs.length) fail(`<nil>: Invalid value: ${JSON.stringify(key)}: ${errs.join('; ')}`);
}

function checkValue(key: string, v: string): void {
  const errs = isLabelValue(v);
  if (errs.length) fail(`values[0][${key}]: Invalid value: ${JSON.stringify(v)}: ${errs.join('; ')}`);
}

/** Splits on commas that are not inside parentheses. */
function splitTerms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) { out.push(cur); cur = ''; continue; }
    cur += ch;
  }
  out.push(cur);
  return out.map((t) => t.trim());
}

function parseTerm(term: string): Requirement {
  let m = /^!\s*([^\s=!<>(),]+)$/.exec(term);
  if (m) { checkKey(m[1]); return { key: m[1], op: '!', values: [] }; }
  m = /^([^\s=!<>(),]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (m) {
    const values = m[3].split(',').map((v) => v.trim());
    checkKey(m[1]);
    for (const v of values) checkValue(m[1], v);
    return { key: m[1], op: m[2] as Op, values: values.filter((v, i) => values.indexOf(v) === i) };
  }
  m = /^([^\s=!<>(),]+)\s*(==|=|!=|>|<)\s*([^\s=!<>(),]*)$/.exec(term);
  if (m) {
    checkKey(m[1]);
    const op: Op = m[2] === '!=' ? '!=' : m[2] === '>' ? 'gt' : m[2] === '<' ? 'lt' : '=';
    if (op === 'gt' || op === 'lt') {
      if (!/^-?\d+$/.test(m[3])) fail(`for 'Gt', 'Lt' operators, the value must be an integer`);
    } else checkValue(m[1], m[3]);
    return { key: m[1], op, values: [m[3]] };
  }
  m = /^([^\s=!<>(),]+)$/.exec(term);
  if (m) { checkKey(m[1]); return { key: m[1], op: 'exists', values: [] }; }
  throw badRequest(`unable to parse requirement: found '${term}', expected: identifier`);
}

/** Parses the labelSelector query parameter. */
export function parseLabelSelector(s: string | null | undefined): Selector {
  if (!s || !s.trim()) return [];
  return splitTerms(s).filter((t) => t.length > 0).map(parseTerm);
}

/** Converts a LabelSelector object (matchLabels + matchExpressions) to requirements. */
export function fromLabelSelector(ls: LabelSelector | undefined): Selector {
  const out: Selector = [];
  for (const [k, v] of Object.entries(ls?.matchLabels ?? {})) out.push({ key: k, op: '=', values: [v] });
  for (const e of ls?.matchExpressions ?? []) {
    const op: Op = e.operator === 'In' ? 'in' : e.operator === 'NotIn' ? 'notin' : e.operator === 'Exists' ? 'exists' : '!';
    out.push({ key: e.key, op, values: e.values ?? [] });
  }
  return out;
}

/** The string form, as Kubernetes prints a selector ("app=web,tier in (a,b)"). */
export function selectorString(sel: Selector): string {
  return sel.map((r) => {
    switch (r.op) {
      case '=': return `${r.key}=${r.values[0]}`;
      case '!=': return `${r.key}!=${r.values[0]}`;
      case 'in': return `${r.key} in (${[...r.values].sort().join(',')})`;
      case 'notin': return `${r.key} notin (${[...r.values].sort().join(',')})`;
      case 'exists': return r.key;
      case '!': return `!${r.key}`;
      case 'gt': return `${r.key}>${r.values[0]}`;
      case 'lt': return `${r.key}<${r.values[0]}`;
    }
  }).join(',');
}
