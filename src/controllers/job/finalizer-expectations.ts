/**
 * The pods (by uid) whose tracking finalizer the controller removed but its pod cache may still
 * show: until the informer sees each removal (or the pod's deletion), those pods are not looked at
 * again, so a stale cache can never make the controller count a pod twice.
 */
export class FinalizerExpectations {
  private readonly byJob = new Map<string, Set<string>>();

  expectRemoved(jobKey: string, uids: string[]): void {
    if (uids.length === 0) return;
    let s = this.byJob.get(jobKey);
    if (!s) this.byJob.set(jobKey, s = new Set());
    for (const u of uids) s.add(u);
  }

  /** The informer saw the finalizer gone (or the pod gone), or the removal failed. */
  observed(jobKey: string, uid: string): void {
    const s = this.byJob.get(jobKey);
    if (!s) return;
    s.delete(uid);
    if (s.size === 0) this.byJob.delete(jobKey);
  }

  expected(jobKey: string): Set<string> {
    return new Set(this.byJob.get(jobKey) ?? []);
  }

  delete(jobKey: string): void {
    this.byJob.delete(jobKey);
  }
}
