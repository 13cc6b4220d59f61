/**
 * SelfSubjectRulesReview (authorization.k8s.io/v1): everything the caller may do in a namespace,
 * as the Authorizer's rules — `kubectl auth can-i --list`.
 */
import { badRequest } from '../../api/index.js';
import { FieldReader, type Json } from './fields.js';
import type { VirtualKind } from './review.js';

const read = new FieldReader('SelfSubjectRulesReview');

export const selfSubjectRulesReview: VirtualKind = {
  group: 'authorization.k8s.io', version: 'v1', kind: 'SelfSubjectRulesReview', resource: 'selfsubjectrulesreviews', namespaced: false,
  async handle(req, deps) {
    const spec = read.object(req.object, 'spec', 'spec');
    const namespace = read.string(spec, 'namespace', 'spec.namespace');
    if (!namespace) throw badRequest('no namespace on request');
    const rules = await deps.authorizer.rulesFor(req.user, namespace);
    const status: Json = {
      resourceRules: rules.resourceRules.map((r) => ({ ...r })),
      nonResourceRules: rules.nonResourceRules.map((r) => ({ ...r })),
      incomplete: rules.incomplete,
    };
    if (rules.evaluationError) status.evaluationError = rules.evaluationError;
    if (rules.warning) req.warnings.push(rules.warning);
    return { ...req.object, metadata: req.object.metadata ?? {}, spec: spec ?? {}, status };
  },
};
