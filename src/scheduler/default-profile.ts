/**
 * The default-scheduler profile: kube-scheduler 1.32's default plugins in their order, with its
 * score weights (TaintToleration 3, NodeAffinity 2, PodTopologySpread 2, InterPodAffinity 2, the
 * others 1). Volume plugins other than VolumeBinding (VolumeRestrictions, NodeVolumeLimits,
 * VolumeZone) and DynamicResources are not part of this core.
 */
import { createProfile, type Plugin, type Profile, type ProfileOptions } from './framework.js';
import { defaultPreemption, type PreemptionOptions } from './plugins/default-preemption/default-preemption.js';
import { imageLocality } from './plugins/image-locality/image-locality.js';
import { interPodAffinity, type InterPodAffinityOptions } from './plugins/inter-pod-affinity/inter-pod-affinity.js';
import { nodeAffinity } from './plugins/node-affinity/node-affinity.js';
import { nodeName } from './plugins/node-name/node-name.js';
import { nodePorts } from './plugins/node-ports/node-ports.js';
import { nodeResourcesBalancedAllocation } from './plugins/node-resources-balanced-allocation/balanced-allocation.js';
import { type FitOptions, nodeResourcesFit } from './plugins/node-resources-fit/fit.js';
import { nodeUnschedulable } from './plugins/node-unschedulable/node-unschedulable.js';
import { podTopologySpread, type SpreadOptions } from './plugins/pod-topology-spread/pod-topology-spread.js';
import { taintToleration } from './plugins/taint-toleration/taint-toleration.js';
import { volumeBinding } from './plugins/volume-binding/volume-binding.js';

export const DEFAULT_SCORE_WEIGHTS: Readonly<Record<string, number>> = Object.freeze({
  TaintToleration: 3,
  NodeAffinity: 2,
  NodeResourcesFit: 1,
  PodTopologySpread: 2,
  InterPodAffinity: 2,
  NodeResourcesBalancedAllocation: 1,
  ImageLocality: 1,
});

export interface DefaultProfileOptions extends ProfileOptions {
  fit?: FitOptions;
  interPodAffinity?: InterPodAffinityOptions;
  podTopologySpread?: SpreadOptions;
  preemption?: PreemptionOptions;
  /** Plugin names to leave out (e.g. "DefaultPreemption"). */
  disabled?: readonly string[];
}

export function defaultPlugins(options: DefaultProfileOptions = {}): Plugin[] {
  const plugins: Plugin[] = [
    nodeUnschedulable,
    nodeName,
    taintToleration,
    nodeAffinity,
    nodePorts,
    nodeResourcesFit(options.fit),
    volumeBinding,
    podTopologySpread(options.podTopologySpread),
    interPodAffinity(options.interPodAffinity),
    defaultPreemption(options.preemption),
    nodeResourcesBalancedAllocation(),
    imageLocality,
  ];
  const disabled = new Set(options.disabled ?? []);
  return plugins.filter((p) => !disabled.has(p.name));
}

export function defaultProfile(options: DefaultProfileOptions = {}): Profile {
  return createProfile(defaultPlugins(options), { ...options, weights: { ...DEFAULT_SCORE_WEIGHTS, ...options.weights } });
}
