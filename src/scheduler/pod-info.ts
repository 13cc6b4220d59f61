/**
 * PodInfo: what scheduling needs from a pod, computed once when the pod enters the snapshot (or
 * once per scheduling attempt for the pod being placed): requests, host ports, compiled affinity
 * terms, priority, images and claims.
 */
import { compileLabelSelector, type Labels, labelKeyRequirements, Selector } from './labels.js';
import { RequiredNodeAffinity } from './node-selector.js';
import { podRequest, podRequestAmounts, type Resource } from './resources.js';
import type { NodeInfo } from './node-info.js';
import type { ContainerView, PodAffinityTermView, PodView, WeightedPodAffinityTermView } from './types.js';

export interface AffinityTerm {
  readonly namespaces: ReadonlySet<string>;
  /** Namespaces whose labels match also count; Nothing when the term has no namespaceSelector. */
  readonly nsSelector: Selector;
  readonly selector: Selector;
  readonly topologyKey: string;
}

export interface WeightedAffinityTerm extends AffinityTerm { readonly weight: number }

export interface HostPort { readonly ip: string; readonly protocol: string; readonly port: number }

/** Does the term select `pod`, whose namespace carries `nsLabels`? (fwk.AffinityTerm.Matches) */
export function termMatches(t: AffinityTerm, pod: PodInfo, nsLabels: Labels | undefined): boolean {
  if (!t.namespaces.has(pod.namespace) && !t.nsSelector.matches(nsLabels)) return false;
  return t.selector.matches(pod.labels);
}

function compileTerm(owner: PodView, t: PodAffinityTermView): AffinityTerm {
  const labels = owner.metadata.labels;
  const selector = compileLabelSelector(t.labelSelector)
    .and(labelKeyRequirements(t.matchLabelKeys, labels, 'In'))
    .and(labelKeyRequirements(t.mismatchLabelKeys, labels, 'NotIn'));
  const hasNsSelector = t.namespaceSelector !== undefined && t.namespaceSelector !== null;
  const namespaces = new Set<string>(t.namespaces ?? []);
  if (namespaces.size === 0 && !hasNsSelector) namespaces.add(owner.metadata.namespace ?? 'default');
  return { namespaces, nsSelector: hasNsSelector ? compileLabelSelector(t.namespaceSelector) : Selector.NOTHING, selector, topologyKey: t.topologyKey ?? '' };
}

function compileWeighted(owner: PodView, terms: WeightedPodAffinityTermView[] | undefined): WeightedAffinityTerm[] {
  return (terms ?? []).map((w) => ({ ...compileTerm(owner, w.podAffinityTerm ?? {}), weight: w.weight ?? 0 }));
}

/** Image names as ImageLocality compares them: ":latest" added when no tag is given. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

const NO_TERMS: readonly never[] = Object.freeze([]);

export class PodInfo {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly labels: Labels;
  readonly nodeName: string;
  readonly priority: number;
  /** status.startTime in ms; +Infinity for pods not started (they count as started "now"). */
  readonly startTime: number;
  readonly terminating: boolean;
  readonly requests: Resource;
  readonly nonZeroCPU: number;
  readonly nonZeroMemory: number;
  readonly hostPorts: readonly HostPort[];
  readonly images: readonly string[];
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly preferredAffinityTerms: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];
  private nodeAffinity: RequiredNodeAffinity | undefined;
  /** The NodeInfo holding this pod, set by the Snapshot (see Snapshot.nodeOf). */
  assigned: NodeInfo | undefined = undefined;

  constructor(readonly pod: PodView) {
    const md = pod.metadata;
    const spec = pod.spec;
    this.namespace = md.namespace ?? 'default';
    this.name = md.name ?? '';
    this.key = podKey(pod);
    this.uid = md.uid ?? '';
    this.labels = md.labels ?? {};
    this.nodeName = spec?.nodeName ?? '';
    this.priority = typeof spec?.priority === 'number' ? spec.priority : 0;
    const st = pod.status?.startTime ? Date.parse(pod.status.startTime) : NaN;
    this.startTime = Number.isFinite(st) ? st : Infinity;
    this.terminating = !!md.deletionTimestamp;
    this.requests = podRequest(spec);
    if (this.hasContainersMissingRequests()) {
      const nz = podRequestAmounts(spec, true);
      this.nonZeroCPU = nz.get('cpu') ?? 0;
      this.nonZeroMemory = nz.get('memory') ?? 0;
    } else {
      this.nonZeroCPU = this.requests.milliCPU;
      this.nonZeroMemory = this.requests.memory;
    }
    const ports: HostPort[] = [];
    const images: string[] = [];
    for (const c of spec?.initContainers ?? []) {
      if (c.image) images.push(normalizedImageName(c.image));
      if (c.restartPolicy === 'Always') collectPorts(c.ports, ports);
    }
    for (const c of spec?.containers ?? []) {
      if (c.image) images.push(normalizedImageName(c.image));
      collectPorts(c.ports, ports);
    }
    this.hostPorts = ports;
    this.images = images;
    const a = spec?.affinity;
    this.requiredAffinityTerms = a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.map((t) => compileTerm(pod, t)) ?? NO_TERMS;
    this.requiredAntiAffinityTerms = a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.map((t) => compileTerm(pod, t)) ?? NO_TERMS;
    this.preferredAffinityTerms = a?.podAffinity ? compileWeighted(pod, a.podAffinity.preferredDuringSchedulingIgnoredDuringExecution) : NO_TERMS;
    this.preferredAntiAffinityTerms = a?.podAntiAffinity ? compileWeighted(pod, a.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution) : NO_TERMS;
  }

  /** The pod has podAffinity or podAntiAffinity (NodeInfo.PodsWithAffinity). */
  get hasAffinity(): boolean {
    const a = this.pod.spec?.affinity;
    return !!a && (!!a.podAffinity || !!a.podAntiAffinity);
  }

  get hasRequiredAntiAffinity(): boolean { return this.requiredAntiAffinityTerms.length > 0; }

  /** nodeSelector and required node affinity, compiled on first use. */
  get requiredNodeAffinity(): RequiredNodeAffinity {
    return (this.nodeAffinity ??= new RequiredNodeAffinity(this.pod.spec));
  }

  private hasContainersMissingRequests(): boolean {
    const spec = this.pod.spec;
    for (const c of spec?.containers ?? []) if (missing(c.resources?.requests)) return true;
    for (const c of spec?.initContainers ?? []) if (missing(c.resources?.requests)) return true;
    return false;
  }
}

function missing(req: Record<string, unknown> | undefined): boolean {
  return !req || req.cpu === undefined || req.memory === undefined;
}

function collectPorts(list: ContainerView['ports'], out: HostPort[]): void {
  for (const p of list ?? []) {
    if (!p.hostPort || p.hostPort <= 0) continue;
    out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
  }
}

/** The snapshot's key of a pod: namespace/name. */
export function podKey(pod: PodView): string {
  return `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}`;
}
