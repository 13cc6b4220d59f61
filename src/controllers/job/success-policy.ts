/**
 * spec.successPolicy of an Indexed Job: the Job may succeed before every index has, when one rule
 * holds — all of its succeededIndexes succeeded, or at least succeededCount of them (or of all
 * indexes when the rule lists none). Returns the condition message ("Matched rules at index 0").
 */
import { parseIndexes, totalIndexes, type Intervals } from './indexes.js';
import type { JobSpec } from './types.js';

function overlap(a: Intervals, b: Intervals): number {
  let n = 0;
  for (const x of a) for (const y of b) n += Math.max(0, Math.min(x.last, y.last) - Math.max(x.first, y.first) + 1);
  return n;
}

export function matchSuccessPolicy(policy: JobSpec['successPolicy'], completions: number, succeeded: Intervals): string | undefined {
  if (!policy || succeeded.length === 0) return undefined;
  const rules = policy.rules ?? [];
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i];
    if (r.succeededIndexes !== undefined) {
      const required = parseIndexes(r.succeededIndexes, completions);
      if (required.length === 0) continue;
      const got = overlap(required, succeeded);
      if (got === totalIndexes(required) || (r.succeededCount !== undefined && got >= r.succeededCount)) return `Matched rules at index ${i}`;
    } else if (r.succeededCount !== undefined && totalIndexes(succeeded) >= r.succeededCount) {
      return `Matched rules at index ${i}`;
    }
  }
  return undefined;
}
