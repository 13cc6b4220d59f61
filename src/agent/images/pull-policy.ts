/**
 * What the kubelet decides and says around a pull: whether to pull for a pull policy, the waiting
 * reasons a container shows (ErrImagePull, ImagePullBackOff, ErrImageNeverPull, InvalidImageName),
 * the event messages in Kubernetes' wording, and the pull back-off (10 s doubling to 300 s per pod
 * and image).
 */

export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';

export const ImageWaitingReasons = {
  ErrImagePull: 'ErrImagePull',
  ImagePullBackOff: 'ImagePullBackOff',
  ErrImageNeverPull: 'ErrImageNeverPull',
  InvalidImageName: 'InvalidImageName',
  ImageInspectError: 'ImageInspectError',
} as const;
export type ImageWaitingReason = (typeof ImageWaitingReasons)[keyof typeof ImageWaitingReasons];

/** Event reasons the kubelet records around images. */
export const ImageEventReasons = {
  Pulling: 'Pulling',
  Pulled: 'Pulled',
  Failed: 'Failed',
  BackOff: 'BackOff',
  ErrImageNeverPull: 'ErrImageNeverPull',
  InspectFailed: 'InspectFailed',
} as const;

/** The kubelet's rule: Never never pulls, Always always does, IfNotPresent when it is missing. */
export function shouldPull(policy: PullPolicy, present: boolean): boolean {
  if (policy === 'Never') return false;
  return policy === 'Always' || !present;
}

export const ImageMessages = {
  alreadyPresent: (image: string) => `Container image "${image}" already present on machine`,
  neverPull: (image: string) => `Container image "${image}" is not present with pull policy of Never`,
  pulling: (image: string) => `Pulling image "${image}"`,
  pulled: (image: string, pullMs: number, totalMs: number, size: number) =>
    `Successfully pulled image "${image}" in ${goDuration(pullMs)} (${goDuration(totalMs)} including waiting). Image size: ${size} bytes.`,
  failed: (image: string, criMessage: string) => `Failed to pull image "${image}": ${criMessage}`,
  backOff: (image: string, lastError?: string) => `Back-off pulling image "${image}"${lastError ? `: ${lastError}` : ''}`,
  invalidName: (image: string, parseError: string) => `Failed to apply default image tag "${image}": ${parseError}`,
} as const;

/** A duration as Go prints time.Duration truncated to milliseconds: 796ms, 1.594s, 2m3.5s. */
export function goDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms));
  if (total === 0) return '0s';
  if (total < 1000) return `${total}ms`;
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const sMs = total % 60_000;
  const sec = (sMs / 1000).toFixed(3).replace(/\.?0+$/, '');
  return `${h > 0 ? `${h}h` : ''}${h > 0 || m > 0 ? `${m}m` : ''}${sec}s`;
}

/** Per-key exponential back-off, as client-go's flowcontrol.Backoff does it for image pulls. */
export class PullBackOff {
  private readonly entries = new Map<string, { delayMs: number; lastUpdate: number }>();

  constructor(private readonly initialMs = 10_000, private readonly maxMs = 300_000) {}

  /** Records a failure: the next delay doubles (from the initial delay after a long quiet time). */
  next(key: string, now = Date.now()): number {
    const e = this.entries.get(key);
    if (e === undefined || now - e.lastUpdate > 2 * this.maxMs) {
      this.entries.set(key, { delayMs: this.initialMs, lastUpdate: now });
      return this.initialMs;
    }
    e.delayMs = Math.min(e.delayMs * 2, this.maxMs);
    e.lastUpdate = now;
    return e.delayMs;
  }

  /** True while the delay since the last failure has not passed. */
  inBackOff(key: string, now = Date.now()): boolean {
    const e = this.entries.get(key);
    return e !== undefined && now - e.lastUpdate < e.delayMs;
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  /** Forgets keys idle for longer than twice the maximum delay. */
  gc(now = Date.now()): void {
    for (const [k, e] of this.entries) if (now - e.lastUpdate > 2 * this.maxMs) this.entries.delete(k);
  }
}
