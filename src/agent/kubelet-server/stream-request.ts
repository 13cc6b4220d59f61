/**
 * The kubelet's streaming endpoints and their parameters: `/exec/{namespace}/{pod}[/{uid}]/{container}`
 * and `/attach/…` with `command` (repeated), `input`, `output`, `error`, `tty` (each "1" to enable),
 * and `/portForward/{namespace}/{pod}[/{uid}]`. The API server translates pods/exec's stdin, stdout,
 * stderr and tty into these names.
 */
import type { RemoteCommandOptions } from '../../streaming/index.js';

export type StreamKind = 'exec' | 'attach' | 'portForward';

export interface StreamRequest {
  kind: StreamKind;
  namespace: string;
  pod: string;
  uid?: string;
  /** exec and attach only. */
  container?: string;
}

/** The endpoint a path names, or undefined for any other path. */
export function parseStreamPath(pathname: string): StreamRequest | undefined {
  const parts = pathname.split('/').slice(1).map((p) => { try { return decodeURIComponent(p); } catch { return p; } });
  const [kind, ...rest] = parts;
  if (kind === 'exec' || kind === 'attach') {
    if (rest.length === 3) return { kind, namespace: rest[0]!, pod: rest[1]!, container: rest[2]! };
    if (rest.length === 4) return { kind, namespace: rest[0]!, pod: rest[1]!, uid: rest[2]!, container: rest[3]! };
    return undefined;
  }
  if (kind === 'portForward') {
    if (rest.length === 2) return { kind, namespace: rest[0]!, pod: rest[1]! };
    if (rest.length === 3) return { kind, namespace: rest[0]!, pod: rest[1]!, uid: rest[2]! };
  }
  return undefined;
}

/** remotecommand's NewOptions: which streams; a terminal has no separate stderr. Throws its message. */
export function remoteCommandOptions(query: URLSearchParams): RemoteCommandOptions {
  const on = (name: string): boolean => query.get(name) === '1';
  const tty = on('tty');
  const stdin = on('input');
  const stdout = on('output');
  const stderr = on('error') && !tty;
  if (!stdin && !stdout && !stderr) throw new Error('you must specify at least 1 of stdin, stdout, stderr');
  return { stdin, stdout, stderr, tty };
}
