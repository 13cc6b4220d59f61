/**
 * Turning wanted rules into one iptables-restore --noflush transaction against the live filter
 * table: only this module's chains are declared (which flushes them), rewritten, and the ones no
 * longer wanted deleted; the FORWARD jump is (re)inserted at the top when it is missing, doubled or
 * behind the pod network's accept chain. Nothing else in the table is touched. When the live
 * table already holds exactly the wanted rules the plan is empty.
 */
import { DISPATCH_CHAIN, isOwnChain, JUMP_RULE, type Ruleset } from './ruleset.js';

/** Chain name → its rules (without "-A <chain>"), for every chain of the filter table. */
export type LiveTable = Map<string, string[]>;

/** Reads the filter table out of iptables-save output. */
export function parseFilterTable(save: string): LiveTable {
  const chains: LiveTable = new Map();
  let inFilter = false;
  for (const line of save.split('\n')) {
    if (line.startsWith('*')) { inFilter = line === '*filter'; continue; }
    if (!inFilter) continue;
    if (line === 'COMMIT') { inFilter = false; continue; }
    if (line.startsWith(':')) {
      const name = line.slice(1).split(' ')[0] ?? '';
      if (!chains.has(name)) chains.set(name, []);
    } else if (line.startsWith('-A ')) {
      const rest = line.slice(3);
      const sp = rest.indexOf(' ');
      const name = sp < 0 ? rest : rest.slice(0, sp);
      const rule = sp < 0 ? '' : rest.slice(sp + 1);
      const list = chains.get(name) ?? [];
      list.push(rule);
      chains.set(name, list);
    }
  }
  return chains;
}

const jumpsTo = (rule: string, pred: (chain: string) => boolean): boolean => {
  const m = /(?:^| )-j (\S+)$/.exec(rule);
  return m !== null && pred(m[1] ?? '');
};

/** Whether FORWARD holds exactly one jump to the dispatch chain, before any pod network accept chain. */
function jumpInPlace(forward: readonly string[]): boolean {
  const ours = forward.map((r, i) => (jumpsTo(r, (c) => c === DISPATCH_CHAIN) ? i : -1)).filter((i) => i >= 0);
  if (ours.length !== 1 || forward[ours[0] as number] !== JUMP_RULE) return false;
  const podNet = forward.findIndex((r) => jumpsTo(r, (c) => c.startsWith('NAVARCH-FWD-')));
  return podNet < 0 || (ours[0] as number) < podNet;
}

function sameRules(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((r, i) => r === b[i]);
}

/** The restore input bringing the live table to `wanted`, or undefined when it is there already. */
export function planRestore(wanted: Ruleset, live: LiveTable): string | undefined {
  const forward = live.get('FORWARD') ?? [];
  const stale = [...live.keys()].filter((c) => isOwnChain(c) && !wanted.has(c));
  const jumpOk = jumpInPlace(forward);
  const chainsOk = [...wanted].every(([c, rules]) => sameRules(live.get(c), rules));
  if (jumpOk && chainsOk && stale.length === 0) return undefined;
  const lines = ['*filter'];
  for (const c of [...wanted.keys(), ...stale]) lines.push(`:${c} - [0:0]`);
  if (!jumpOk) {
    for (const r of forward) if (jumpsTo(r, (c) => c === DISPATCH_CHAIN)) lines.push(`-D FORWARD ${r}`);
    lines.push(`-I FORWARD 1 ${JUMP_RULE}`);
  }
  for (const [c, rules] of wanted) for (const r of rules) lines.push(`-A ${c} ${r}`);
  for (const c of stale) lines.push(`-X ${c}`);
  lines.push('COMMIT', '');
  return lines.join('\n');
}

/** The restore input removing every chain of this module and every jump to them, or undefined when none is left. */
export function planRemoval(live: LiveTable): string | undefined {
  const own = [...live.keys()].filter(isOwnChain);
  const lines = ['*filter'];
  for (const c of own) lines.push(`:${c} - [0:0]`);
  for (const [chain, rules] of live) {
    if (isOwnChain(chain)) continue;
    for (const r of rules) if (jumpsTo(r, isOwnChain)) lines.push(`-D ${chain} ${r}`);
  }
  if (lines.length === 1) return undefined;
  for (const c of own) lines.push(`-X ${c}`);
  lines.push('COMMIT', '');
  return lines.join('\n');
}
