/**
 * The Go formatting verbs only the prober's and hook runner's messages use: %v of a []string, of a
 * time.Duration and of an intstr.IntOrString. (%q and format.Pod come from pod-config.)
 */

/** %v of a []string: `[sh -c exit 1]`. */
export function goStringSlice(items: readonly string[] | undefined): string {
  return `[${(items ?? []).join(' ')}]`;
}

/** time.Duration.String() of a whole number of milliseconds: 1s, 500ms, 1m30s, 1h0m0s. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  ms = Math.abs(Math.round(ms));
  if (ms < 1000) return `${sign}${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const secs = `${Number.isInteger(s) ? s : String(s)}s`;
  if (h > 0) return `${sign}${h}h${m}m${secs}`;
  if (m > 0) return `${sign}${m}m${secs}`;
  return `${sign}${secs}`;
}

/** %v of an intstr.IntOrString value: `{0 8080 }` for a number, `{1 0 http}` for a name. */
export function goIntOrString(v: number | string | undefined): string {
  if (typeof v === 'string') return `{1 0 ${v}}`;
  return `{0 ${v ?? 0} }`;
}
