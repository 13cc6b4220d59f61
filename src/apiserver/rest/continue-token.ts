/** Continue tokens of paged lists: the revision the list is read at and the key to resume from. */
import { badRequest } from '../../api/index.js';

export interface ContinueToken { rev: number; start: string }

export function encodeContinue(t: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: t.rev, start: t.start })).toString('base64url');
}

export function decodeContinue(s: string): ContinueToken {
  try {
    const raw = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as { v?: string; rv?: number; start?: string };
    if (raw.v !== 'meta.k8s.io/v1' || typeof raw.rv !== 'number' || typeof raw.start !== 'string') throw new Error('bad');
    return { rev: raw.rv, start: raw.start };
  } catch {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}
