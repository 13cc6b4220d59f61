/**
 * The applier: puts the builder's chains into the kernel with `iptables-restore -w --noflush`, one
 * table per call (each call is one atomic change), touching only the proxy's own chains. The first
 * write, and any after a failure, is full: every chain is rewritten and the proxy's chains found in
 * the table that are no longer wanted (a previous run's services) are deleted; later writes only
 * carry the chains that changed, and nothing at all when nothing did. The jumps from the built-in
 * chains are checked after full writes. uninstall() takes every jump and chain away.
 */
import { isProxyChain } from './chain-names.js';
import type { HostExec } from './host-exec.js';
import { JUMPS, jumpArgs, type Table } from './jumps.js';
import { planRestore } from './restore-text.js';
import type { ProxyRules, TableRules } from './rule-builder.js';

export interface ApplyResult {
  full: boolean;
  /** False when nothing had changed, so iptables-restore did not run. */
  restored: boolean;
  writtenChains: number;
  deletedChains: number;
}

const TABLES: readonly Table[] = ['nat', 'filter'];

export class IptablesApplier {
  private applied: Partial<Record<Table, TableRules>> = {};

  constructor(private readonly exec: HostExec) {}

  /** Makes the next apply() a full one (e.g. when the rules may have been changed behind our back). */
  invalidate(): void {
    this.applied = {};
  }

  async apply(rules: ProxyRules, opts: { full?: boolean } = {}): Promise<ApplyResult> {
    if (opts.full) this.invalidate();
    const result: ApplyResult = { full: false, restored: false, writtenChains: 0, deletedChains: 0 };
    for (const table of TABLES) {
      const desired = rules[table];
      const previous = this.applied[table];
      const plan = previous ? planRestore(table, desired, { previous }) : planRestore(table, desired, { leftovers: await this.proxyChains(table) });
      if (!previous) result.full = true;
      if (plan.text === undefined) continue;
      delete this.applied[table];
      await this.restore(table, plan.text);
      this.applied[table] = desired;
      result.restored = true;
      result.writtenChains += plan.written;
      result.deletedChains += plan.deleted;
    }
    if (result.full) await this.ensureJumps();
    return result;
  }

  /** The proxy's chains present in a table now. */
  async proxyChains(table: Table): Promise<string[]> {
    const r = await this.exec.run('iptables-save', ['-t', table]);
    if (!r.ok) throw new Error(`Cannot read the ${table} table: iptables-save: ${r.stderr}`);
    const out: string[] = [];
    for (const line of r.stdout.split('\n')) {
      if (!line.startsWith(':')) continue;
      const name = line.slice(1).split(' ')[0] ?? '';
      if (isProxyChain(name)) out.push(name);
    }
    return out;
  }

  private async restore(table: Table, text: string): Promise<void> {
    const r = await this.exec.run('iptables-restore', ['-w', '--noflush'], { input: text, timeoutMs: 120_000 });
    if (r.ok) return;
    if (r.missing) throw new Error('Cannot program services: iptables-restore is not installed (Debian package iptables)');
    throw new Error(`Cannot apply the service proxy's ${table} rules: iptables-restore: ${r.stderr}`);
  }

  /** Inserts each missing jump at the top of its built-in chain (in JUMPS order once all are in). */
  async ensureJumps(): Promise<void> {
    for (const j of [...JUMPS].reverse()) {
      const args = jumpArgs(j);
      if ((await this.exec.run('iptables', ['-w', '5', '-t', j.table, '-C', j.parent, ...args])).ok) continue;
      const r = await this.exec.run('iptables', ['-w', '5', '-t', j.table, '-I', j.parent, '1', ...args]);
      if (!r.ok) throw new Error(`Cannot hook the service proxy into ${j.table} ${j.parent}: ${r.stderr}`);
    }
  }

  /** Removes the jumps and every chain of the proxy from both tables. */
  async uninstall(): Promise<void> {
    this.invalidate();
    for (const j of JUMPS) {
      const args = ['-w', '5', '-t', j.table, '-D', j.parent, ...jumpArgs(j)];
      for (let i = 0; i < 10 && (await this.exec.run('iptables', args)).ok; i++);
    }
    for (const table of TABLES) {
      const chains = await this.proxyChains(table).catch(() => [] as string[]);
      const plan = planRestore(table, new Map(), { leftovers: chains });
      if (plan.text !== undefined) await this.restore(table, plan.text);
    }
  }
}
