/**
 * How long a pod may stay on a node with NoExecute taints (Kubernetes' GetMatchingTolerations and
 * getMinTolerationTime): every taint needs a tolerating toleration, else the pod goes at once; the
 * shortest tolerationSeconds among the tolerations used decides when it goes (≤ 0: at once); with
 * none of them bounded it may stay forever.
 */
import { toleratesTaint } from '../../scheduler/index.js';
import type { Taint, Toleration } from './types.js';

/** Not every taint tolerated; or tolerated for `forMs` milliseconds (undefined: forever). */
export type TolerationVerdict = { tolerated: false } | { tolerated: true; forMs?: number };

export function tolerationVerdict(taints: readonly Taint[], tolerations: readonly Toleration[] | undefined): TolerationVerdict {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = (tolerations ?? []).find((x) => toleratesTaint(x, taint));
    if (!t) return { tolerated: false };
    used.push(t);
  }
  let min: number | undefined;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return { tolerated: true, forMs: 0 };
    min = min === undefined ? t.tolerationSeconds : Math.min(min, t.tolerationSeconds);
  }
  return { tolerated: true, forMs: min === undefined ? undefined : min * 1000 };
}
