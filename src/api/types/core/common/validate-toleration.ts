/** Validation of tolerations (ValidateTolerations) with Kubernetes' wording and paths. */
import * as fe from '../../../meta/field-errors.js';
import type { FieldError } from '../../../meta/field-errors.js';
import { isLabelValue, isQualifiedName } from '../../../meta/names.js';

export interface TolerationLike {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/** validateTaintEffect: one of the three effects; empty only when allowed. */
export function validateTaintEffect(effect: string | undefined, allowEmpty: boolean, path: string): FieldError[] {
  if (!allowEmpty && !effect) return [fe.required(path, '')];
  if ((TAINT_EFFECTS as readonly string[]).includes(effect ?? '')) return [];
  return [fe.notSupported(path, effect ?? '', TAINT_EFFECTS)];
}

export function validateTolerations(tolerations: TolerationLike[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((raw, i) => {
    const t = raw ?? {};
    const p = fe.index(path, i);
    const key = t.key ?? '';
    const op = t.operator ?? '';
    if (key) for (const m of isQualifiedName(key)) errs.push(fe.invalid(fe.child(p, 'key'), key, m));
    if (!key && op !== 'Exists') {
      errs.push(fe.invalid(fe.child(p, 'operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
      errs.push(fe.invalid(fe.child(p, 'effect'), t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (op) {
      case 'Equal': case '': {
        const msgs = isLabelValue(t.value ?? '');
        if (msgs.length) errs.push(fe.invalid(fe.child(p, 'operator'), t.value ?? '', msgs.join(';')));
        break;
      }
      case 'Exists':
        if (t.value) errs.push(fe.invalid(fe.child(p, 'operator'), t.value, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(fe.notSupported(fe.child(p, 'operator'), op, ['Equal', 'Exists']));
    }
    if (t.effect) errs.push(...validateTaintEffect(t.effect, true, fe.child(p, 'effect')));
  });
  return errs;
}
