/**
 * iptables-restore input for one table, for use with --noflush: every chain written is declared
 * (which empties it) and refilled; chains no longer wanted are declared and deleted (-X). A full
 * write covers every wanted chain and deletes the given leftovers; an incremental one only the
 * chains that differ from what was applied last, so one endpoint change rewrites a handful of
 * chains, not thousands. Nothing to change gives no text.
 */
import type { TableRules } from './rule-builder.js';

export interface RestorePlan {
  /** undefined: nothing to do. */
  text?: string;
  written: number;
  deleted: number;
}

function sameLines(a: readonly string[] | undefined, b: readonly string[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * previous: what the last successful restore left (incremental); or leftovers: the proxy's chains
 * found in the table (full write).
 */
export function planRestore(
  table: string, desired: TableRules, from: { previous: TableRules } | { leftovers: Iterable<string> },
): RestorePlan {
  const write: string[] = [];
  const remove: string[] = [];
  if ('previous' in from) {
    for (const [chain, lines] of desired) if (!sameLines(from.previous.get(chain), lines)) write.push(chain);
    for (const chain of from.previous.keys()) if (!desired.has(chain)) remove.push(chain);
  } else {
    write.push(...desired.keys());
    for (const chain of new Set(from.leftovers)) if (!desired.has(chain)) remove.push(chain);
  }
  if (write.length === 0 && remove.length === 0) return { written: 0, deleted: 0 };
  const out: string[] = [`*${table}`];
  for (const chain of write) out.push(`:${chain} - [0:0]`);
  for (const chain of remove) out.push(`:${chain} - [0:0]`);
  for (const chain of write) out.push(...(desired.get(chain) ?? []));
  for (const chain of remove) out.push(`-X ${chain}`);
  out.push('COMMIT', '');
  return { text: out.join('\n'), written: write.length, deleted: remove.length };
}

/** The whole of both tables as one text (what a full write would send), for reading and tests. */
export function rulesText(rules: { nat: TableRules; filter: TableRules }): string {
  const one = (table: string, t: TableRules): string => planRestore(table, t, { leftovers: [] }).text ?? '';
  return one('filter', rules.filter) + one('nat', rules.nat);
}
