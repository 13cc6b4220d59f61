/**
 * What this client knows of etcd's compacted revision. etcd does not report it on reads, so the
 * tracker keeps a lower bound (compactions it issued, compaction errors it saw) and confirms it with
 * ranged reads: a read at a revision below the compaction fails, so a binary search finds it.
 */

/** Reads at rev (true) or fails with a compaction error (false); other errors reject. */
export type RevisionProbe = (rev: number) => Promise<boolean>;

export class CompactTracker {
  /** A revision the compaction is known to have reached. */
  private known = 0;

  constructor(
    private readonly probe: RevisionProbe,
    private readonly current: () => Promise<number>,
  ) {}

  /** Records that etcd is compacted at least up to rev. */
  note(rev: number): void {
    if (rev > this.known) this.known = rev;
  }

  /** The compacted revision, confirmed against etcd (one read when nothing changed). */
  async resolve(): Promise<number> {
    const floor = Math.max(this.known, 1);
    if (await this.probe(floor)) return this.known;
    let lo = floor + 1;
    let hi = await this.current();
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (await this.probe(mid)) hi = mid;
      else lo = mid + 1;
    }
    this.note(lo);
    return this.known;
  }
}
