/**
 * The scheduling framework's extension points, as kube-scheduler's: PreFilter (per pod, may
 * narrow the nodes or reject the pod), Filter (per node), PostFilter (runs when no node fits:
 * preemption), PreScore, Score and NormalizeScore. Reserve and Permit are declared for the binding
 * cycle that wires this core to the API; nothing calls them yet. A plugin is one object that
 * implements any of these; a Profile lists them per extension point with score weights.
 *
 * Plugins are pure functions of the pod being scheduled, the Snapshot and the cycle's state; none
 * does I/O.
 */
import type { NodeInfo } from './node-info.js';
import type { PodInfo } from './pod-info.js';
import type { Snapshot } from './snapshot.js';
import type { NodeToStatus, Status } from './status.js';

/** The highest score a Score plugin gives (after NormalizeScore). */
export const MAX_NODE_SCORE = 100;

export interface Plugin { readonly name: string }

/** Per-cycle data a plugin computes once (in PreFilter or PreScore) and reads per node. */
export interface StateData { clone(): StateData }

export class CycleState {
  private readonly data = new Map<string, StateData>();
  /** Filter and Score plugins that asked to be skipped for this pod. */
  readonly skipFilter = new Set<string>();
  readonly skipScore = new Set<string>();

  read<T extends StateData>(key: string): T | undefined { return this.data.get(key) as T | undefined; }
  write(key: string, value: StateData): void { this.data.set(key, value); }

  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.data) c.data.set(k, v.clone());
    for (const s of this.skipFilter) c.skipFilter.add(s);
    for (const s of this.skipScore) c.skipScore.add(s);
    return c;
  }
}

/** One scheduling attempt of one pod. */
export class Cycle {
  /** The Filter plugins that run for this pod (those not skipped in PreFilter). */
  filters: readonly FilterPlugin[] = [];
  constructor(readonly pod: PodInfo, readonly snapshot: Snapshot, readonly state: CycleState, readonly profile: Profile) {}

  /** The same cycle over a copy of the state (for what-if evaluation in preemption). */
  withState(state: CycleState): Cycle {
    const c = new Cycle(this.pod, this.snapshot, state, this.profile);
    c.filters = this.filters;
    return c;
  }
}

export interface PreFilterResult {
  /** Rejection (Unschedulable…), Skip (the plugin's Filter need not run), or null. */
  status?: Status | null;
  /** When set, only these nodes can fit. */
  nodeNames?: ReadonlySet<string>;
}

export interface PreFilterPlugin extends Plugin {
  preFilter(c: Cycle): PreFilterResult | null;
  /** PreFilterExtensions: update this cycle's state as if `pod` were added to / removed from `node`. */
  addPod?(c: Cycle, pod: PodInfo, node: NodeInfo): void;
  removePod?(c: Cycle, pod: PodInfo, node: NodeInfo): void;
}

export interface FilterPlugin extends Plugin {
  /** null when the pod fits the node. */
  filter(c: Cycle, node: NodeInfo): Status | null;
}

export interface PostFilterResult {
  status: Status;
  /** The node preemption freed room on (the pod's nominatedNodeName). */
  nominatedNodeName?: string;
  /** Pods to evict so that the pod fits on nominatedNodeName. */
  victims?: readonly PodInfo[];
}

export interface PostFilterPlugin extends Plugin {
  postFilter(c: Cycle, statuses: NodeToStatus): PostFilterResult;
}

export interface PreScorePlugin extends Plugin {
  /** Skip status: the plugin's Score does not run for this pod. */
  preScore(c: Cycle, nodes: readonly NodeInfo[]): Status | null;
}

export interface ScorePlugin extends Plugin {
  score(c: Cycle, node: NodeInfo): number;
  /** Rescales the raw scores (same order as nodes) into 0..MAX_NODE_SCORE, in place. */
  normalizeScore?(c: Cycle, nodes: readonly NodeInfo[], scores: number[]): void;
}

/** Reserve: claim the node's resources for the pod before binding. Not yet used by the core. */
export interface ReservePlugin extends Plugin {
  reserve(c: Cycle, nodeName: string): Status | null;
  unreserve(c: Cycle, nodeName: string): void;
}

/** Permit: approve, deny or delay a binding. Not yet used by the core. */
export interface PermitPlugin extends Plugin {
  permit(c: Cycle, nodeName: string): { status: Status | null; waitMs?: number };
}

export interface WeightedScorePlugin { readonly plugin: ScorePlugin; readonly weight: number }

export interface Profile {
  /** Pods whose spec.schedulerName equals this are this profile's. */
  readonly schedulerName: string;
  readonly preFilter: readonly PreFilterPlugin[];
  readonly filter: readonly FilterPlugin[];
  readonly postFilter: readonly PostFilterPlugin[];
  readonly preScore: readonly PreScorePlugin[];
  readonly score: readonly WeightedScorePlugin[];
  readonly reserve: readonly ReservePlugin[];
  readonly permit: readonly PermitPlugin[];
  /** 0 means adaptive (50 - nodes/125 percent, at least 5%). */
  readonly percentageOfNodesToScore: number;
  /** Tie-breaking among the best nodes (Math.random unless a test fixes it). */
  readonly random: () => number;
  /** Where the next cycle starts looking, so every node gets its turn (round-robin). */
  nextStartNodeIndex: number;
}

export interface ProfileOptions {
  schedulerName?: string;
  percentageOfNodesToScore?: number;
  random?: () => number;
  /** Score weights by plugin name; plugins not named here weigh 1. */
  weights?: Readonly<Record<string, number>>;
}

function has<K extends string>(p: Plugin, method: K): p is Plugin & Record<K, (...args: never[]) => unknown> {
  return typeof (p as unknown as Record<string, unknown>)[method] === 'function';
}

/** A profile running each plugin at every extension point it implements, in the order given. */
export function createProfile(plugins: readonly Plugin[], options: ProfileOptions = {}): Profile {
  const weights = options.weights ?? {};
  return {
    schedulerName: options.schedulerName ?? 'default-scheduler',
    preFilter: plugins.filter((p) => has(p, 'preFilter')) as PreFilterPlugin[],
    filter: plugins.filter((p) => has(p, 'filter')) as FilterPlugin[],
    postFilter: plugins.filter((p) => has(p, 'postFilter')) as PostFilterPlugin[],
    preScore: plugins.filter((p) => has(p, 'preScore')) as PreScorePlugin[],
    score: (plugins.filter((p) => has(p, 'score')) as ScorePlugin[]).map((plugin) => ({ plugin, weight: weights[plugin.name] ?? 1 })),
    reserve: plugins.filter((p) => has(p, 'reserve')) as ReservePlugin[],
    permit: plugins.filter((p) => has(p, 'permit')) as PermitPlugin[],
    percentageOfNodesToScore: options.percentageOfNodesToScore ?? 0,
    random: options.random ?? Math.random,
    nextStartNodeIndex: 0,
  };
}
