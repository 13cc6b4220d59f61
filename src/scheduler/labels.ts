/**
 * Label selectors compiled once and matched many times. A nil selector matches nothing and an
 * empty one everything, as metav1.LabelSelectorAsSelector has it; a selector that does not parse
 * (unknown operator, In without values) matches nothing.
 */
import type { LabelSelector } from './types.js';

export type Labels = Readonly<Record<string, string>>;

export type LabelOp = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelRequirement {
  readonly key: string;
  readonly op: LabelOp;
  readonly values: readonly string[];
}

export class Selector {
  static readonly NOTHING = new Selector([], 'nothing');
  static readonly EVERYTHING = new Selector([], 'everything');

  private constructor(readonly requirements: readonly LabelRequirement[], private readonly kind: 'nothing' | 'everything' | 'some') {}

  static of(requirements: readonly LabelRequirement[]): Selector {
    return requirements.length === 0 ? Selector.EVERYTHING : new Selector(requirements, 'some');
  }

  /** True for a selector with no requirements, which matches every label set. */
  get empty(): boolean { return this.kind === 'everything'; }
  get nothing(): boolean { return this.kind === 'nothing'; }

  matches(labels: Labels | undefined): boolean {
    if (this.kind !== 'some') return this.kind === 'everything';
    for (const r of this.requirements) {
      const v = labels?.[r.key];
      switch (r.op) {
        case 'In': if (v === undefined || !r.values.includes(v)) return false; break;
        case 'NotIn': if (v !== undefined && r.values.includes(v)) return false; break;
        case 'Exists': if (v === undefined) return false; break;
        case 'DoesNotExist': if (v !== undefined) return false; break;
      }
    }
    return true;
  }

  /** This selector with more requirements ANDed in; Nothing stays Nothing. */
  and(more: readonly LabelRequirement[]): Selector {
    if (this.kind === 'nothing' || more.length === 0) return this;
    return Selector.of([...this.requirements, ...more]);
  }

  /** Equality-like requirements (key In values) a label index can answer, best first. */
  indexable(): Array<{ key: string; values: readonly string[] }> {
    const out: Array<{ key: string; values: readonly string[] }> = [];
    for (const r of this.requirements) if (r.op === 'In') out.push({ key: r.key, values: r.values });
    return out;
  }
}

const OPS = new Set<string>(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** Compiles a metav1.LabelSelector. */
export function compileLabelSelector(sel: LabelSelector | null | undefined): Selector {
  if (sel === null || sel === undefined) return Selector.NOTHING;
  const reqs: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key, op: 'In', values: [String(value)] });
  for (const e of sel.matchExpressions ?? []) {
    if (!e || typeof e.key !== 'string' || !OPS.has(e.operator)) return Selector.NOTHING;
    const values = (e.values ?? []).map(String);
    if ((e.operator === 'In' || e.operator === 'NotIn') && values.length === 0) return Selector.NOTHING;
    if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && values.length > 0) return Selector.NOTHING;
    reqs.push({ key: e.key, op: e.operator as LabelOp, values });
  }
  return Selector.of(reqs);
}

/** A selector from a plain label map (nodeSelector, Service.spec.selector): every pair must match. */
export function selectorFromSet(set: Labels | null | undefined): Selector {
  const entries = Object.entries(set ?? {});
  return Selector.of(entries.map(([key, value]) => ({ key, op: 'In' as const, values: [String(value)] })));
}

/** Requirements "key In [value]" for the keys of `keys` the labels carry (matchLabelKeys). */
export function labelKeyRequirements(keys: readonly string[] | undefined, labels: Labels | undefined, op: 'In' | 'NotIn'): LabelRequirement[] {
  const out: LabelRequirement[] = [];
  for (const k of keys ?? []) {
    const v = labels?.[k];
    if (v !== undefined) out.push({ key: k, op, values: [v] });
  }
  return out;
}
