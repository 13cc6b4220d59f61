/** The evaluator for kinds quota only counts: count/<resource>[.<group>], and a legacy name for a few core kinds. */
import { intersect, objectCountName, type QuotaEvaluator } from './evaluator.js';
import { quantityOf } from './quantity.js';

const ONE = quantityOf(1);

export function objectCountEvaluator(group: string, resource: string, alias?: string): QuotaEvaluator {
  const names = [objectCountName(group, resource), ...(alias ? [alias] : [])];
  return {
    group, resource,
    matchingResources: (input) => intersect(input, names),
    usage: () => Object.fromEntries(names.map((n) => [n, ONE])),
    matchesScope: () => false,
    constraints: () => undefined,
    handles: (op) => op === 'CREATE',
  };
}
