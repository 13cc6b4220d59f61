/**
 * Toleration matching (v1 Toleration.ToleratesTaint): the effect must match unless the toleration
 * names none; the key must match unless it is empty (with Exists: every taint); Exists ignores the
 * value, Equal (or no operator) compares it.
 */
import type { TaintView, TolerationView } from '../../types.js';

export function toleratesTaint(t: TolerationView, taint: { key: string; value?: string; effect: string }): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '': case 'Equal': return (t.value ?? '') === (taint.value ?? '');
    case 'Exists': return true;
    default: return false;
  }
}

export function tolerationsTolerate(tolerations: readonly TolerationView[] | undefined, taint: { key: string; value?: string; effect: string }): boolean {
  if (!tolerations) return false;
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** The first NoSchedule/NoExecute taint the tolerations do not tolerate (FindMatchingUntoleratedTaint). */
export function untoleratedScheduleTaint(taints: readonly TaintView[], tolerations: readonly TolerationView[] | undefined): TaintView | undefined {
  for (const taint of taints) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!tolerationsTolerate(tolerations, taint)) return taint;
  }
  return undefined;
}
