/**
 * Pod IPs of one simulated node: addresses .2 … .254 of its /24 pod CIDR (.1 is the bridge a
 * real node would have), handed out lowest free first and given back when the pod ends or goes.
 */
export class IpPool {
  private readonly base: string;
  private readonly byOwner = new Map<string, number>();
  private readonly used = new Set<number>();

  constructor(cidr: string) {
    const m = /^(\d+\.\d+\.\d+)\.0\/24$/.exec(cidr);
    if (!m) throw new Error(`Cannot make a pod IP pool: ${JSON.stringify(cidr)} is not an x.y.z.0/24 range`);
    this.base = m[1];
  }

  /** The address of `owner` (a pod uid), allocating one if it has none; undefined when full. */
  allocate(owner: string): string | undefined {
    const have = this.byOwner.get(owner);
    if (have !== undefined) return `${this.base}.${have}`;
    for (let host = 2; host <= 254; host++) {
      if (!this.used.has(host)) {
        this.used.add(host);
        this.byOwner.set(owner, host);
        return `${this.base}.${host}`;
      }
    }
    return undefined;
  }

  /** Records an address a pod already had (after a restart); false when it is not in this range or taken. */
  adopt(owner: string, ip: string): boolean {
    if (!ip.startsWith(`${this.base}.`)) return false;
    const host = Number(ip.slice(this.base.length + 1));
    if (!Number.isInteger(host) || host < 2 || host > 254 || this.used.has(host)) return this.byOwner.get(owner) === host;
    this.used.add(host);
    this.byOwner.set(owner, host);
    return true;
  }

  release(owner: string): void {
    const host = this.byOwner.get(owner);
    if (host === undefined) return;
    this.byOwner.delete(owner);
    this.used.delete(host);
  }

  get size(): number {
    return this.byOwner.size;
  }
}
