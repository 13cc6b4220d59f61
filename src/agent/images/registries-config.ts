/**
 * Registry mirrors and per-registry settings, read from `<dataDir>/registries.yaml` in k3s' format:
 *
 *   mirrors:
 *     docker.io:
 *       endpoint: ["http://127.0.0.1:5000"]
 *     "*":                              # every registry without its own entry
 *       endpoint: ["http://127.0.0.1:5000"]
 *   configs:
 *     "registry.example:5000":
 *       auth: { username: u, password: p }
 *       tls: { insecure_skip_verify: true }
 *   disableDefaultEndpoint: true        # never fall back to the registry itself after the mirrors
 *
 * Plain HTTP is used only for an endpoint written with http:// and for loopback registries.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

export interface RegistryAuth { username?: string; password?: string; auth?: string; identityToken?: string }

export interface RegistryHostConfig { auth?: RegistryAuth; insecureSkipVerify?: boolean }

export interface RegistriesConfig {
  mirrors: Record<string, string[]>;
  configs: Record<string, RegistryHostConfig>;
  disableDefaultEndpoint: boolean;
}

/** One place to ask for a repository: `base` is the URL up to and including /v2. */
export interface RegistryEndpoint {
  base: string;
  host: string;
  insecureSkipVerify: boolean;
  auth?: RegistryAuth;
  isMirror: boolean;
}

export function emptyRegistriesConfig(): RegistriesConfig {
  return { mirrors: {}, configs: {}, disableDefaultEndpoint: false };
}

/** Reads the file; a missing file is an empty configuration. */
export async function loadRegistriesConfig(path: string): Promise<RegistriesConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyRegistriesConfig();
    throw err;
  }
  return parseRegistriesConfig(text, path);
}

export function parseRegistriesConfig(text: string, source = 'registries.yaml'): RegistriesConfig {
  const doc: unknown = parse(text);
  const out = emptyRegistriesConfig();
  if (doc === null || doc === undefined) return out;
  if (!isObject(doc)) throw new Error(`Cannot read ${source}: it is not a mapping`);
  if (isObject(doc.mirrors)) {
    for (const [host, m] of Object.entries(doc.mirrors)) {
      const endpoints = isObject(m) && Array.isArray(m.endpoint) ? m.endpoint.filter((e): e is string => typeof e === 'string') : [];
      for (const e of endpoints) endpointURL(e, source);
      out.mirrors[host] = endpoints;
    }
  }
  if (isObject(doc.configs)) {
    for (const [host, c] of Object.entries(doc.configs)) {
      if (!isObject(c)) continue;
      const cfg: RegistryHostConfig = {};
      if (isObject(c.auth)) {
        const a = c.auth;
        cfg.auth = {
          ...(typeof a.username === 'string' ? { username: a.username } : {}),
          ...(typeof a.password === 'string' ? { password: a.password } : {}),
          ...(typeof a.auth === 'string' ? { auth: a.auth } : {}),
          ...(typeof a.identity_token === 'string' ? { identityToken: a.identity_token } : {}),
        };
      }
      if (isObject(c.tls) && c.tls.insecure_skip_verify === true) cfg.insecureSkipVerify = true;
      out.configs[host] = cfg;
    }
  }
  out.disableDefaultEndpoint = doc.disableDefaultEndpoint === true;
  return out;
}

/** The endpoints tried, in order, for a registry domain: its mirrors, then the registry itself. */
export function endpointsFor(config: RegistriesConfig, domain: string): RegistryEndpoint[] {
  const out: RegistryEndpoint[] = [];
  const mirrors = config.mirrors[domain] ?? config.mirrors['*'] ?? [];
  for (const m of mirrors) {
    const url = endpointURL(m, 'registries.yaml');
    out.push(endpoint(config, url, true));
  }
  if (!config.disableDefaultEndpoint || mirrors.length === 0) {
    const host = domain === 'docker.io' ? 'registry-1.docker.io' : domain;
    const scheme = isLoopbackHost(host) ? 'http' : 'https';
    out.push(endpoint(config, new URL(`${scheme}://${host}`), false, domain));
  }
  return out;
}

export function isLoopbackHost(hostWithPort: string): boolean {
  const host = hostWithPort.startsWith('[') ? hostWithPort.slice(1, hostWithPort.indexOf(']')) : hostWithPort.split(':')[0]!;
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function endpoint(config: RegistriesConfig, url: URL, isMirror: boolean, domain?: string): RegistryEndpoint {
  const host = url.host;
  const cfg = config.configs[host] ?? (domain !== undefined ? config.configs[domain] : undefined) ?? {};
  let path = url.pathname.replace(/\/+$/, '');
  if (!path.endsWith('/v2')) path += '/v2';
  return {
    base: `${url.protocol}//${host}${path}`,
    host,
    insecureSkipVerify: cfg.insecureSkipVerify === true,
    ...(cfg.auth ? { auth: cfg.auth } : {}),
    isMirror,
  };
}

function endpointURL(e: string, source: string): URL {
  const withScheme = /^[a-z]+:\/\//i.test(e) ? e : `https://${e}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`Cannot read ${source}: endpoint "${e}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`Cannot read ${source}: endpoint "${e}" must use http or https`);
  }
  return url;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
