/**
 * ControllerManager: runs a set of controllers and the shared informers they read, behind leader
 * election — when several servers share one store, only the one holding the Lease
 * (kube-system/kube-controller-manager by default) runs its controllers; the others wait to take over.
 */
import type { Clientset, SharedInformerFactory } from '../../client/index.js';
import type { Controller } from './controller.js';
import { LeaderElector } from './leader-elector.js';

export interface LeaderElectionConfig {
  namespace?: string;
  name?: string;
  identity?: string;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
}

export interface ControllerManagerOptions {
  clientset: Clientset;
  informers: SharedInformerFactory;
  controllers: Controller[];
  /** false: no election, the controllers always run (a single server). */
  leaderElection?: LeaderElectionConfig | false;
  log?: (line: string) => void;
}

export class ControllerManager {
  private elector?: LeaderElector;
  private leading = false;
  private transition: Promise<void> = Promise.resolve();

  constructor(private readonly o: ControllerManagerOptions) {
    const le = o.leaderElection;
    if (le === false) return;
    this.elector = new LeaderElector({
      clientset: o.clientset, namespace: le?.namespace ?? 'kube-system', name: le?.name ?? 'kube-controller-manager',
      identity: le?.identity, leaseDurationMs: le?.leaseDurationMs, renewDeadlineMs: le?.renewDeadlineMs, retryPeriodMs: le?.retryPeriodMs,
      onStartedLeading: () => this.setLeading(true),
      onStoppedLeading: () => this.setLeading(false),
      log: o.log,
    });
  }

  get identity(): string | undefined {
    return this.elector?.identity;
  }

  isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    if (this.elector) this.elector.start();
    else this.setLeading(true);
  }

  /** Stops the controllers, then gives up the lease, then stops the informers. */
  async stop(): Promise<void> {
    this.setLeading(false);
    await this.transition;
    await this.elector?.stop();
    await this.transition;
    await this.o.informers.stop();
  }

  /** Controllers start and stop in the order leadership changes, never overlapping. */
  private setLeading(on: boolean): void {
    if (this.leading === on) return;
    this.leading = on;
    this.transition = this.transition.then(async () => {
      if (on) {
        this.o.informers.start();
        for (const c of this.o.controllers) void c.start();
      } else {
        await Promise.all(this.o.controllers.map((c) => c.stop()));
      }
    });
  }
}
