/**
 * admissionregistration.k8s.io/v1 ValidatingAdmissionPolicyBinding: applies a policy to the
 * requests it matches, with parameters and the actions (Deny, Warn, Audit) a failure triggers.
 */
import { age } from '../../meta/age.js';
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { LabelSelectorSchema, type LabelSelector } from '../../meta/label-selector.js';
import { isDNS1123Subdomain, isPathSegmentName } from '../../meta/names.js';
import type { KObject } from '../../meta/object-meta.js';
import { kindFields } from '../../meta/type-fields.js';
import { validateLabelSelector } from '../../meta/validate-meta.js';
import type { ResourceDef } from '../../resource.js';
import { enumOf, field, listOf, object, string } from '../../schema/build.js';
import { POLICIES_NOT_ENFORCED } from './not-enforced.js';
import { defaultMatchResources, MatchResourcesSchema, validateMatchResources, type MatchResourcesLike } from './rules.js';

const ParamRefSchema = object('io.k8s.api.admissionregistration.v1.ParamRef', 'Which object(s) parameterize the bound policy: by name or by label selector.', () => ({
  name: field(string, 'Name of the parameter object; exclusive with selector.', { proto: 1 }),
  namespace: field(string, 'Namespace of the parameter objects; empty: the namespace of the request.', { proto: 2 }),
  selector: field(LabelSelectorSchema, 'Labels of the parameter objects; exclusive with name.', { proto: 3 }),
  parameterNotFoundAction: field(enumOf('Allow', 'Deny'), 'What happens when no parameter object is found: Allow or Deny.', { proto: 4 }),
}), { atomic: true });

export const ValidatingAdmissionPolicyBindingSchema = object('io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicyBinding', 'Applies a ValidatingAdmissionPolicy to the requests it matches.', () => ({
  ...kindFields(),
  spec: field(object('io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicyBindingSpec', 'Which policy, with which parameters, on which requests, doing what on failure.', () => ({
    policyName: field(string, 'Name of the ValidatingAdmissionPolicy to bind.', { proto: 1 }),
    paramRef: field(ParamRefSchema, 'The parameter objects of the policy.', { proto: 2 }),
    matchResources: field(MatchResourcesSchema, 'Narrows the requests the policy is applied to.', { proto: 3 }),
    validationActions: field(listOf(enumOf('Audit', 'Deny', 'Warn')), 'What a failed validation does: Deny, Warn and/or Audit (not Deny with Warn).', { proto: 4, listType: 'set' }),
  })), 'The binding.', { proto: 2 }),
}), { gvk: { group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingAdmissionPolicyBinding' } });

interface ParamRefLike { name?: string; namespace?: string; selector?: LabelSelector; parameterNotFoundAction?: string }
export interface ValidatingAdmissionPolicyBindingLike extends KObject {
  spec?: { policyName?: string; paramRef?: ParamRefLike; matchResources?: MatchResourcesLike; validationActions?: string[] };
}

function validateParamRef(pr: ParamRefLike | undefined, path: string): FieldError[] {
  if (!pr) return [];
  const errs: FieldError[] = [];
  if (pr.name) {
    for (const m of isPathSegmentName(pr.name)) errs.push(fe.invalid(fe.child(path, 'name'), pr.name, m));
    if (pr.selector) errs.push(fe.forbidden(fe.child(path, 'name'), 'name and selector are mutually exclusive'));
  }
  if (pr.selector) {
    errs.push(...validateLabelSelector(pr.selector, fe.child(path, 'selector')));
    if (pr.name) errs.push(fe.forbidden(fe.child(path, 'selector'), 'name and selector are mutually exclusive'));
  }
  if (!pr.name && !pr.selector) errs.push(fe.required(path, 'one of name or selector must be specified'));
  if (!pr.parameterNotFoundAction) errs.push(fe.required(fe.child(path, 'parameterNotFoundAction'), ''));
  else if (!['Deny', 'Allow'].includes(pr.parameterNotFoundAction)) {
    errs.push(fe.notSupported(fe.child(path, 'parameterNotFoundAction'), pr.parameterNotFoundAction, ['Deny', 'Allow']));
  }
  return errs;
}

const ACTIONS = ['Audit', 'Deny', 'Warn'];

function validateActions(actions: string[] | undefined, path: string): FieldError[] {
  const list = actions ?? [];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  list.forEach((a, i) => {
    if (!ACTIONS.includes(a)) errs.push(fe.notSupported(fe.index(path, i), a, ACTIONS));
    if (seen.has(a)) errs.push(fe.duplicate(fe.index(path, i), a));
    seen.add(a);
  });
  if (seen.has('Deny') && seen.has('Warn')) {
    errs.push(fe.invalid(path, list, 'must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)'));
  }
  if (seen.size === 0) errs.push(fe.required(path, 'at least one validation action is required'));
  return errs;
}

export function validateAdmissionPolicyBinding(b: ValidatingAdmissionPolicyBindingLike): FieldError[] {
  const spec = b.spec ?? {};
  const errs: FieldError[] = [];
  if (!spec.policyName) errs.push(fe.required('spec.policyName', ''));
  else for (const m of isDNS1123Subdomain(spec.policyName)) errs.push(fe.invalid('spec.policyName', spec.policyName, m));
  errs.push(...validateParamRef(spec.paramRef, 'spec.paramRef'));
  errs.push(...validateMatchResources(spec.matchResources, 'spec.matchResources'));
  errs.push(...validateActions(spec.validationActions, 'spec.validationActions'));
  return errs;
}

/** A LabelSelector as its generated protobuf String() prints it, which the PARAMREF cell shows. */
export function protoSelectorString(sel: LabelSelector): string {
  const labels = Object.keys(sel.matchLabels ?? {}).sort().map((k) => `${k}: ${(sel.matchLabels ?? {})[k]},`).join('');
  const exprs = (sel.matchExpressions ?? [])
    .map((r) => `LabelSelectorRequirement{Key:${r.key ?? ''},Operator:${r.operator ?? ''},Values:[${(r.values ?? []).join(' ')}],},`).join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

/** The PARAMREF cell: namespace/name, "*\/name" without a namespace, the selector, or <unset>. */
export function paramRefCell(pr: ParamRefLike | undefined): string {
  if (!pr) return '<unset>';
  if (pr.name) return pr.namespace ? `${pr.namespace}/${pr.name}` : `*/${pr.name}`;
  if (pr.selector) return protoSelectorString(pr.selector);
  return '<unset>';
}

export const validatingadmissionpolicybindings: ResourceDef = {
  group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingAdmissionPolicyBinding',
  plural: 'validatingadmissionpolicybindings', singular: 'validatingadmissionpolicybinding',
  namespaced: false, categories: ['api-extensions'],
  schema: ValidatingAdmissionPolicyBindingSchema,
  defaults(obj) {
    const spec = (obj as ValidatingAdmissionPolicyBindingLike).spec;
    if (spec?.matchResources) defaultMatchResources(spec.matchResources);
  },
  validate: (obj) => validateAdmissionPolicyBinding(obj as ValidatingAdmissionPolicyBindingLike),
  warnings: () => [POLICIES_NOT_ENFORCED('ValidatingAdmissionPolicyBinding')],
  table: {
    columns: [
      { name: 'PolicyName', type: 'string', description: 'The policy the binding binds.', priority: 0 },
      { name: 'ParamRef', type: 'string', description: 'The parameter objects of the policy.', priority: 0 },
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
    ],
    cells(obj, now) {
      const spec = (obj as ValidatingAdmissionPolicyBindingLike).spec;
      return [spec?.policyName ?? '', paramRefCell(spec?.paramRef), age(obj.metadata.creationTimestamp, now)];
    },
  },
};
