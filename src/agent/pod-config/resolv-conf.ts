/**
 * The host resolv.conf the kubelet bases pod DNS on: `nameserver` lines accumulate, the last
 * `search` line wins (trailing dots dropped so `a.` and `a` count once), the last `options` line
 * wins; comments and other lines are ignored.
 */

export interface DNSConfig {
  servers: string[];
  searches: string[];
  options: string[];
}

export function parseResolvConf(content: string): DNSConfig {
  const out: DNSConfig = { servers: [], searches: [], options: [] };
  for (const raw of content.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#')) continue;
    const fields = line.split(/\s+/).filter((f) => f !== '');
    if (fields.length === 0) continue;
    const [key, ...rest] = fields as [string, ...string[]];
    if (key === 'nameserver' && rest.length > 0) out.servers.push(rest[0]!);
    else if (key === 'search') out.searches = rest.map((s) => s.replace(/\.$/, '')).filter((s) => s !== '');
    else if (key === 'options') out.options = rest;
  }
  return out;
}
