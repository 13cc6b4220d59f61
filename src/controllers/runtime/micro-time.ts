/** Kubernetes' MicroTime and Time wire formats. */

/** "2026-11-21T10:00:00.123000Z": RFC 3339 with six fractional digits. */
export function microTime(d: Date = new Date()): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** "2026-11-21T10:00:00Z": RFC 3339 to the second. */
export function rfc3339(d: Date = new Date()): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
