/**
 * Go-style value printing for validation messages. Kubernetes prints the bad value of a field error
 * with Go's %#v when it is a struct or map, so users see `map[string]string{"app":"web"}` or
 * `v1.LabelSelector{MatchLabels:…}`; these helpers reproduce that text for the workload kinds.
 */
import type { FieldError } from '../../meta/field-errors.js';
import type { LabelSelector } from '../../meta/label-selector.js';

/** Go's %q of a string (close enough for the printable text found in manifests). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** %#v of a map[string]string: keys sorted, `(nil)` when absent. */
export function goStringMap(m: Record<string, string> | undefined | null): string {
  if (m === undefined || m === null) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`).join(', ')}}`;
}

/** %#v of a []string. */
export function goStringSlice(v: readonly string[] | undefined | null): string {
  if (v === undefined || v === null) return '[]string(nil)';
  return `[]string{${v.map((x) => goQuote(String(x))).join(', ')}}`;
}

/** %#v of a metav1.LabelSelector value (the pointer is dereferenced, as field errors do). */
export function goLabelSelector(sel: LabelSelector | undefined | null): string {
  if (sel === undefined || sel === null) return 'null';
  const exprs = sel.matchExpressions;
  const exprText = exprs === undefined || exprs === null
    ? '[]v1.LabelSelectorRequirement(nil)'
    : `[]v1.LabelSelectorRequirement{${exprs.map((r) => `v1.LabelSelectorRequirement{Key:${goQuote(r.key ?? '')}, Operator:${goQuote(r.operator ?? '')}, Values:${goStringSlice(r.values)}}`).join(', ')}}`;
  return `v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${exprText}}`;
}

/** %#v of an intstr.IntOrString value. */
export function goIntOrString(v: unknown): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`;
  const n = typeof v === 'number' ? v : 0;
  return `intstr.IntOrString{Type:0, IntVal:${n}, StrVal:""}`;
}

/** How a pointer field prints inside %#v of a struct: `(*T)(nil)` or an address. */
export function goPointer(type: string, value: unknown, address = 0xc000a1c2d0): string {
  return value === undefined || value === null ? `(*${type})(nil)` : `(*${type})(0x${address.toString(16)})`;
}

/** A FieldError "Invalid value" whose value is already printed Go-style. */
export function goInvalid(field: string, goValue: string, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, message: `Invalid value: ${goValue}${detail ? `: ${detail}` : ''}` };
}

/** A FieldError "Unsupported value" whose value is already printed Go-style. */
export function goNotSupported(field: string, goValue: string, supported: readonly string[]): FieldError {
  const list = supported.map((s) => goQuote(s)).join(', ');
  return {
    type: 'FieldValueNotSupported', field,
    message: `Unsupported value: ${goValue}${supported.length ? `: supported values: ${list}` : ''}`,
  };
}
