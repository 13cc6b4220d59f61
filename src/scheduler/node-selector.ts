/**
 * Node selector terms (node affinity, PersistentVolume node affinity) compiled for matching, as
 * component-helpers' nodeaffinity package does: terms are ORed, the requirements inside a term
 * ANDed; an empty term or a term that does not parse matches nothing; matchFields knows only
 * metadata.name. RequiredNodeAffinity joins a pod's nodeSelector and its required terms.
 */
import { type Labels, selectorFromSet, type Selector } from './labels.js';
import type { NodeSelectorTermView, NodeSelectorView, PodSpecView, SelectorRequirement } from './types.js';

type NodeOp = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';

interface NodeRequirement { key: string; op: NodeOp; values: readonly string[]; bound: number }

class CompiledTerm {
  constructor(readonly labelReqs: readonly NodeRequirement[], readonly fieldReqs: readonly NodeRequirement[], readonly valid: boolean) {}

  matches(name: string, labels: Labels): boolean {
    if (!this.valid || (this.labelReqs.length === 0 && this.fieldReqs.length === 0)) return false;
    for (const r of this.labelReqs) if (!requirementMatches(r, labels[r.key])) return false;
    for (const r of this.fieldReqs) if (!requirementMatches(r, name)) return false;
    return true;
  }
}

const INTEGER = /^[+-]?\d+$/;

function requirementMatches(r: NodeRequirement, v: string | undefined): boolean {
  switch (r.op) {
    case 'In': return v !== undefined && r.values.includes(v);
    case 'NotIn': return v === undefined || !r.values.includes(v);
    case 'Exists': return v !== undefined;
    case 'DoesNotExist': return v === undefined;
    case 'Gt': return v !== undefined && INTEGER.test(v) && Number(v) > r.bound;
    case 'Lt': return v !== undefined && INTEGER.test(v) && Number(v) < r.bound;
  }
}

function compileRequirement(e: SelectorRequirement, field: boolean): NodeRequirement | undefined {
  const key = e.key ?? '';
  const op = e.operator as NodeOp;
  const values = (e.values ?? []).map(String);
  if (field) {
    if (key !== 'metadata.name' || (op !== 'In' && op !== 'NotIn') || values.length !== 1) return undefined;
    return { key, op, values, bound: 0 };
  }
  switch (op) {
    case 'In': case 'NotIn':
      return values.length > 0 ? { key, op, values, bound: 0 } : undefined;
    case 'Exists': case 'DoesNotExist':
      return values.length === 0 ? { key, op, values, bound: 0 } : undefined;
    case 'Gt': case 'Lt':
      return values.length === 1 && INTEGER.test(values[0]) ? { key, op, values, bound: Number(values[0]) } : undefined;
    default:
      return undefined;
  }
}

export function compileNodeSelectorTerm(term: NodeSelectorTermView | undefined): CompiledTerm {
  const labelReqs: NodeRequirement[] = [];
  const fieldReqs: NodeRequirement[] = [];
  let valid = true;
  for (const e of term?.matchExpressions ?? []) {
    const r = compileRequirement(e, false);
    if (r) labelReqs.push(r); else valid = false;
  }
  for (const e of term?.matchFields ?? []) {
    const r = compileRequirement(e, true);
    if (r) fieldReqs.push(r); else valid = false;
  }
  return new CompiledTerm(labelReqs, fieldReqs, valid);
}

/** A NodeSelector: matches when any of its terms matches. */
export class NodeSelectorMatcher {
  private readonly terms: CompiledTerm[];
  constructor(sel: NodeSelectorView) {
    this.terms = (sel.nodeSelectorTerms ?? []).map(compileNodeSelectorTerm);
  }
  matches(name: string, labels: Labels): boolean {
    for (const t of this.terms) if (t.matches(name, labels)) return true;
    return false;
  }
}

/** Preferred scheduling terms: a node scores the sum of the weights of the terms it matches. */
export class PreferredTerms {
  private readonly terms: Array<{ weight: number; term: CompiledTerm }>;
  constructor(terms: Array<{ weight?: number; preference?: NodeSelectorTermView }>) {
    this.terms = terms.filter((t) => (t.weight ?? 0) !== 0).map((t) => ({ weight: t.weight ?? 0, term: compileNodeSelectorTerm(t.preference) }));
  }
  get size(): number { return this.terms.length; }
  score(name: string, labels: Labels): number {
    let s = 0;
    for (const t of this.terms) if (t.term.matches(name, labels)) s += t.weight;
    return s;
  }
}

/** The pod's nodeSelector and required node affinity together (nodeaffinity.GetRequiredNodeAffinity). */
export class RequiredNodeAffinity {
  private readonly selector: Selector | undefined;
  private readonly required: NodeSelectorMatcher | undefined;

  constructor(spec: PodSpecView | undefined) {
    const ns = spec?.nodeSelector;
    this.selector = ns && Object.keys(ns).length > 0 ? selectorFromSet(ns) : undefined;
    const req = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    this.required = req ? new NodeSelectorMatcher(req) : undefined;
  }

  /** True when the pod places no node-label restriction at all. */
  get isEmpty(): boolean { return !this.selector && !this.required; }

  matches(name: string, labels: Labels): boolean {
    if (this.selector && !this.selector.matches(labels)) return false;
    if (this.required && !this.required.matches(name, labels)) return false;
    return true;
  }
}
