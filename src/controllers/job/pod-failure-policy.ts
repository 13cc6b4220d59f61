/**
 * spec.podFailurePolicy: the rules are tried in order against a failed pod, by the exit codes of
 * its terminated containers (non-zero only; main containers before init containers) or by its
 * conditions; the first rule that matches decides whether the job fails at once (FailJob, with
 * Kubernetes' message), the pod's index fails (FailIndex), the failure is not counted (Ignore) or
 * counted as usual (Count). A pod no rule matches is counted.
 */
import type { ContainerStatus } from '../../api/types/core/pod/index.js';
import type { Pod, PodFailurePolicy, PodFailurePolicyAction, PodFailurePolicyRule } from './types.js';

export interface PolicyMatch {
  /** Set when a FailJob rule matched: the job's failure message. */
  failJobMessage?: string;
  /** Whether the failure counts toward backoffLimit (false for Ignore). */
  countFailed: boolean;
  /** The action of the matching rule, if one matched. */
  action?: PodFailurePolicyAction;
}

function exitCodeMatches(code: number, req: NonNullable<PodFailurePolicyRule['onExitCodes']>): boolean {
  const listed = (req.values ?? []).includes(code);
  if (req.operator === 'In') return listed;
  if (req.operator === 'NotIn') return !listed;
  return false;
}

function matchingContainer(statuses: ContainerStatus[] | undefined, req: NonNullable<PodFailurePolicyRule['onExitCodes']>): ContainerStatus | undefined {
  for (const s of statuses ?? []) {
    const code = s.state?.terminated?.exitCode;
    if (code === undefined || code === 0) continue;
    if (req.containerName !== undefined && req.containerName !== s.name) continue;
    if (exitCodeMatches(code, req)) return s;
  }
  return undefined;
}

function matchingCondition(pod: Pod, patterns: NonNullable<PodFailurePolicyRule['onPodConditions']>): string | undefined {
  for (const c of pod.status?.conditions ?? []) {
    for (const p of patterns) if (c.type === p.type && c.status === (p.status ?? 'True')) return c.type;
  }
  return undefined;
}

export function matchPodFailurePolicy(policy: PodFailurePolicy | undefined, pod: Pod): PolicyMatch {
  if (!policy) return { countFailed: true };
  const where = `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
  const rules = policy.rules ?? [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    let failJob: string | undefined;
    if (rule.onExitCodes) {
      const s = matchingContainer(pod.status?.containerStatuses, rule.onExitCodes)
        ?? matchingContainer(pod.status?.initContainerStatuses, rule.onExitCodes);
      if (!s) continue;
      failJob = `Container ${s.name ?? ''} for pod ${where} failed with exit code ${s.state?.terminated?.exitCode ?? 0} matching FailJob rule at index ${i}`;
    } else if (rule.onPodConditions) {
      const type = matchingCondition(pod, rule.onPodConditions);
      if (type === undefined) continue;
      failJob = `Pod ${where} has condition ${type} matching FailJob rule at index ${i}`;
    } else {
      continue;
    }
    switch (rule.action) {
      case 'Ignore': return { countFailed: false, action: 'Ignore' };
      case 'FailIndex': return { countFailed: true, action: 'FailIndex' };
      case 'Count': return { countFailed: true, action: 'Count' };
      case 'FailJob': return { failJobMessage: failJob, countFailed: true, action: 'FailJob' };
      default: break; // an unknown action: try the next rule
    }
  }
  return { countFailed: true };
}
