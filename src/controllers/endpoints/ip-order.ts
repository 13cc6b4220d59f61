/** Addresses in numeric order (IPv4 before IPv6, as 16-byte forms compare), unparsable ones by text. */
import { parseIP } from '../../api/types/networking/index.js';

export function compareIPs(a: string, b: string): number {
  const x = parseIP(a);
  const y = parseIP(b);
  if (x && y) {
    for (let i = 0; i < 16; i++) if (x.bytes[i] !== y.bytes[i]) return x.bytes[i] - y.bytes[i];
    return 0;
  }
  if (x) return -1;
  if (y) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
