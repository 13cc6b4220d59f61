/** Server-owned metadata: uids, names from generateName, timestamps. */
import { randomUUID, randomInt } from 'node:crypto';

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

/** A name from a generateName prefix: the prefix (cut to fit) and five random characters. */
export function generateName(prefix: string): string {
  const p = prefix.length > 58 ? prefix.slice(0, 58) : prefix;
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += NAME_CHARS[randomInt(NAME_CHARS.length)];
  return p + suffix;
}

export function newUid(): string {
  return randomUUID();
}

/** RFC 3339 at second precision, as metav1.Time marshals. */
export function nowTimestamp(d = new Date()): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}
