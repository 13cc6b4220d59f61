/**
 * Ownership bookkeeping over field sets, after structured-merge-diff's Updater. An update takes
 * every field it changed from whoever owned it; an apply merges its configuration, owns exactly
 * the fields it sets, removes what it set last time and no longer sets (unless someone else owns
 * it), and fails with conflicts when it would change fields other managers own, unless forced.
 */
import { compare, type Comparison } from './compare.js';
import { ApplyConflictError, conflictsFromManagers } from './conflict.js';
import { FieldSet } from './field-set.js';
import type { VersionedSet } from './managed-fields.js';
import { merge } from './merge.js';
import { ensureNamedFieldsAreMembers, removeItems } from './remove.js';
import { toFieldSet } from './to-field-set.js';
import type { TypeNode } from './type-node.js';
import { valuesEqual } from './values.js';

export type ManagedSets = Map<string, VersionedSet>;

export interface UpdaterOptions {
  node: TypeNode;
  /** Drops fields this write may not own (status through the main resource, and so on). */
  filter?: (s: FieldSet) => FieldSet;
}

function filtered(c: Comparison, f: UpdaterOptions['filter']): Comparison {
  if (!f) return c;
  return { added: f(c.added), modified: f(c.modified), removed: f(c.removed) };
}

/**
 * Takes what changed between live and next away from every manager but `workflow`: fields it
 * modified or added (conflicts, an error unless forced) and fields it removed.
 */
function takeChanged(
  live: unknown, next: unknown, managers: ManagedSets, workflow: string, force: boolean, opts: UpdaterOptions,
): Comparison {
  const cmp = filtered(compare(live, next, opts.node), opts.filter);
  const changed = cmp.modified.union(cmp.added);
  const conflicts: ManagedSets = new Map();
  for (const [m, vs] of managers) {
    if (m === workflow) continue;
    const c = vs.set.intersection(changed);
    if (!c.empty()) conflicts.set(m, { set: c, apiVersion: vs.apiVersion, applied: false });
  }
  if (!force && conflicts.size > 0) throw new ApplyConflictError(conflictsFromManagers(conflicts));
  for (const [m, vs] of managers) {
    if (m === workflow) continue;
    let set = vs.set;
    const c = conflicts.get(m);
    if (c) set = set.difference(c.set);
    if (!cmp.removed.empty()) set = set.difference(cmp.removed);
    if (set.empty()) managers.delete(m);
    else if (set !== vs.set) managers.set(m, { ...vs, set });
  }
  return cmp;
}

/** Records an update by `manager` (create, replace, non-apply patch). Mutates `managers`. */
export function recordUpdate(
  live: unknown, next: unknown, version: string, managers: ManagedSets, manager: string, opts: UpdaterOptions,
): void {
  const cmp = takeChanged(live, next, managers, manager, true, opts);
  const prev = managers.get(manager)?.set;
  let set = (prev ? prev.difference(cmp.removed) : new FieldSet()).union(cmp.modified).union(cmp.added);
  if (opts.filter) set = opts.filter(set);
  if (set.empty()) managers.delete(manager);
  else managers.set(manager, { set, apiVersion: version, applied: false });
}

export interface ApplyResult {
  /** The merged object; undefined when the apply changes nothing. */
  object: unknown;
}

/** Applies `config` as `manager`. Mutates `managers`; throws ApplyConflictError. */
export function applyConfig(
  live: unknown, config: unknown, version: string, managers: ManagedSets, manager: string, force: boolean,
  opts: UpdaterOptions,
): ApplyResult {
  let merged = merge(live, config, opts.node);
  const last = managers.get(manager);
  let set = toFieldSet(config, opts.node);
  if (opts.filter) set = opts.filter(set);
  managers.set(manager, { set, apiVersion: version, applied: true });
  merged = prune(merged, managers, last, opts.node);
  takeChanged(live, merged, managers, manager, force, opts);
  return { object: valuesEqual(live, merged) ? undefined : merged };
}

/**
 * Removes what the applier owned last time and no longer applies, unless another manager (or the
 * new configuration) owns it; fields nobody owned that went with it are put back.
 */
function prune(merged: unknown, managers: ManagedSets, last: VersionedSet | undefined, node: TypeNode): unknown {
  if (!last || last.set.empty()) return merged;
  const named = (s: FieldSet): FieldSet => ensureNamedFieldsAreMembers(s, node);
  const lastSet = named(last.set);
  let pruned = removeItems(merged, lastSet, node);
  // Put back what some manager owns.
  let owned: FieldSet | undefined;
  for (const vs of managers.values()) owned = owned ? owned.union(vs.set) : vs.set;
  const mergedSet = named(toFieldSet(merged, node));
  let prunedSet = named(toFieldSet(pruned, node));
  const ownedSet = owned ? named(owned) : prunedSet;
  pruned = removeItems(merged, mergedSet.difference(prunedSet.union(ownedSet)), node);
  // Remove only what the applier used to own.
  prunedSet = named(toFieldSet(pruned, node));
  return removeItems(merged, mergedSet.difference(prunedSet).intersection(lastSet), node);
}
