/**
 * The API Priority and Fairness objects every Kubernetes API server keeps: the mandatory exempt and
 * catch-all priority levels and flow schemas, with their fixed specs (already defaulted). The
 * server creates them at start; their specs may not be changed.
 */
import type { KObject } from '../../meta/object-meta.js';

export const AUTOUPDATE_ANNOTATION = 'apf.kubernetes.io/autoupdate-spec';

const EVERYTHING = {
  resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'], clusterScope: true, namespaces: ['*'] }],
  nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
};
const groups = (...names: string[]): Array<Record<string, unknown>> => names.map((name) => ({ kind: 'Group', group: { name } }));

function object(kind: 'FlowSchema' | 'PriorityLevelConfiguration', name: string, spec: Record<string, unknown>): KObject {
  return {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind,
    metadata: { name, annotations: { [AUTOUPDATE_ANNOTATION]: 'true' } },
    spec,
  };
}

export const MANDATORY_PRIORITY_LEVELS: readonly KObject[] = [
  object('PriorityLevelConfiguration', 'exempt', { type: 'Exempt', exempt: { nominalConcurrencyShares: 0, lendablePercent: 0 } }),
  object('PriorityLevelConfiguration', 'catch-all', {
    type: 'Limited', limited: { nominalConcurrencyShares: 5, lendablePercent: 0, limitResponse: { type: 'Reject' } },
  }),
];

export const MANDATORY_FLOW_SCHEMAS: readonly KObject[] = [
  object('FlowSchema', 'exempt', {
    priorityLevelConfiguration: { name: 'exempt' }, matchingPrecedence: 1,
    rules: [{ subjects: groups('system:masters'), ...EVERYTHING }],
  }),
  object('FlowSchema', 'catch-all', {
    priorityLevelConfiguration: { name: 'catch-all' }, matchingPrecedence: 10000, distinguisherMethod: { type: 'ByUser' },
    rules: [{ subjects: groups('system:unauthenticated', 'system:authenticated'), ...EVERYTHING }],
  }),
];

/** The fixed spec of a mandatory object of that kind and name, if it is one. */
export function mandatorySpec(kind: 'FlowSchema' | 'PriorityLevelConfiguration', name: string | undefined): unknown {
  const list = kind === 'FlowSchema' ? MANDATORY_FLOW_SCHEMAS : MANDATORY_PRIORITY_LEVELS;
  return list.find((o) => o.metadata.name === name)?.spec;
}
