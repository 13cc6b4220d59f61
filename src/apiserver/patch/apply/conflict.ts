/**
 * Apply conflicts: fields another manager owns that an apply would change. They reach the client as
 * a 409 Conflict worded as Kubernetes words it ("Apply failed with 1 conflict: conflict with
 * "kubectl-client-side-apply" using apps/v1: .spec.replicas"), one cause per field.
 */
import { StatusError } from '../../../api/index.js';
import type { VersionedSet } from './managed-fields.js';
import { parseManagerId } from './managed-fields.js';
import { pathString, type Path } from './path-element.js';
import { compareStrings, goQuote } from './values.js';

export interface Conflict {
  /** Manager identity (see managerId). */
  manager: string;
  path: Path;
}

/** Raised by the updater when an apply conflicts and is not forced. */
export class ApplyConflictError extends Error {
  constructor(readonly conflicts: Conflict[]) {
    super(`Cannot apply: ${conflicts.length} conflict(s)`);
  }
}

export function conflictsFromManagers(sets: Map<string, VersionedSet>): Conflict[] {
  const out: Conflict[] = [];
  for (const [manager, vs] of sets) vs.set.iterate((path) => out.push({ manager, path }));
  return out;
}

/** `"kubectl"`, or `"kubectl-edit" using apps/v1`, or `"x" with subresource "status" using v1`. */
export function printManager(id: string): string {
  let info;
  try {
    info = parseManagerId(id);
  } catch {
    return goQuote(id);
  }
  let s = goQuote(info.manager);
  if (info.subresource) s = `${s} with subresource ${goQuote(info.subresource)}`;
  if (info.operation === 'Update') return `${s} using ${info.apiVersion ?? ''}`;
  return s;
}

export function conflictMessage(conflicts: Conflict[]): string {
  if (conflicts.length === 1) {
    return `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0].manager)}: ${pathString(conflicts[0].path)}`;
  }
  const byManager = new Map<string, Path[]>();
  for (const c of conflicts) {
    const list = byManager.get(c.manager) ?? [];
    list.push(c.path);
    byManager.set(c.manager, list);
  }
  const lines: string[] = [];
  for (const m of [...byManager.keys()].sort(compareStrings)) {
    lines.push(`conflicts with ${printManager(m)}:`);
    for (const p of byManager.get(m) ?? []) lines.push(`- ${pathString(p)}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

export function conflictStatus(conflicts: Conflict[]): StatusError {
  return new StatusError(409, 'Conflict', conflictMessage(conflicts), {
    causes: conflicts.map((c) => ({
      reason: 'FieldManagerConflict',
      message: `conflict with ${printManager(c.manager)}`,
      field: pathString(c.path),
    })),
  });
}
