/**
 * admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy: CEL validations of requests, applied
 * where a ValidatingAdmissionPolicyBinding binds them. Schema, defaults, Kubernetes' validation of
 * the fields (the CEL itself is stored, not compiled), `kubectl get` columns, status subresource.
 */
import { age } from '../../meta/age.js';
import { ConditionSchema } from '../../meta/condition.js';
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { isDNS1035Label, isDNS1123Subdomain, isQualifiedName } from '../../meta/names.js';
import type { KObject } from '../../meta/object-meta.js';
import { kindFields } from '../../meta/type-fields.js';
import type { ResourceDef } from '../../resource.js';
import { enumOf, field, int64, listOf, object, string } from '../../schema/build.js';
import { POLICIES_NOT_ENFORCED } from './not-enforced.js';
import {
  defaultMatchResources, MatchConditionSchema, MatchResourcesSchema, validateMatchConditions, validateMatchResources,
  type MatchConditionLike, type MatchResourcesLike,
} from './rules.js';

const ParamKindSchema = object('io.k8s.api.admissionregistration.v1.ParamKind', 'The kind of the objects that parameterize a policy.', () => ({
  apiVersion: field(string, 'API group/version of the parameter kind, e.g. "v1" or "example.com/v1".', { proto: 1 }),
  kind: field(string, 'Kind of the parameter objects, e.g. ConfigMap.', { proto: 2 }),
}), { atomic: true });

const ValidationSchema = object('io.k8s.api.admissionregistration.v1.Validation', 'One CEL check of a policy.', () => ({
  expression: field(string, 'CEL expression that must be true for the request to pass.', { required: true, proto: 1 }),
  message: field(string, 'Message returned when the check fails (one line).', { proto: 2 }),
  reason: field(enumOf('Forbidden', 'Invalid', 'RequestEntityTooLarge'), 'Status reason of a failure: Forbidden (the default), Invalid or RequestEntityTooLarge.', { proto: 3 }),
  messageExpression: field(string, 'CEL expression computing the failure message.', { proto: 4 }),
}));

const AuditAnnotationSchema = object('io.k8s.api.admissionregistration.v1.AuditAnnotation', 'An audit annotation a policy adds to the audit event.', () => ({
  key: field(string, 'Key of the annotation, prefixed with the policy name.', { required: true, proto: 1 }),
  valueExpression: field(string, 'CEL expression computing the value.', { required: true, proto: 2 }),
}));

const VariableSchema = object('io.k8s.api.admissionregistration.v1.Variable', 'A named CEL expression other expressions of the policy may use.', () => ({
  name: field(string, 'Name of the variable, a CEL identifier.', { required: true, proto: 1 }),
  expression: field(string, 'CEL expression of the variable.', { required: true, proto: 2 }),
}), { atomic: true });

const ExpressionWarningSchema = object('io.k8s.api.admissionregistration.v1.ExpressionWarning', 'A type-checking warning about one expression.', () => ({
  fieldRef: field(string, 'Path of the field the expression is in.', { required: true, proto: 2 }),
  warning: field(string, 'The warning.', { required: true, proto: 3 }),
}));

export const ValidatingAdmissionPolicySchema = object('io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicy', 'CEL validations of admission requests, applied where a binding binds the policy.', () => ({
  ...kindFields(),
  spec: field(object('io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicySpec', 'What the policy matches and checks.', () => ({
    paramKind: field(ParamKindSchema, 'Kind of the objects that parameterize the policy.', { proto: 1 }),
    matchConstraints: field(MatchResourcesSchema, 'Requests the policy may apply to; resourceRules are required.', { proto: 2 }),
    validations: field(listOf(ValidationSchema), 'The CEL checks.', { proto: 3, listType: 'atomic' }),
    failurePolicy: field(enumOf('Fail', 'Ignore'), 'Fail (the default) or Ignore a policy that cannot be evaluated.', { proto: 4 }),
    auditAnnotations: field(listOf(AuditAnnotationSchema), 'Audit annotations to add.', { proto: 5, listType: 'atomic' }),
    matchConditions: field(listOf(MatchConditionSchema), 'CEL conditions a request must all meet.', {
      proto: 6, mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'],
    }),
    variables: field(listOf(VariableSchema), 'Named expressions for the others to use.', {
      proto: 7, mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'],
    }),
  })), 'What the policy matches and checks.', { proto: 2 }),
  status: field(object('io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicyStatus', 'The result of checking the policy.', () => ({
    observedGeneration: field(int64, 'The generation that was checked.', { proto: 1 }),
    typeChecking: field(object('io.k8s.api.admissionregistration.v1.TypeChecking', 'Results of type-checking the expressions.', () => ({
      expressionWarnings: field(listOf(ExpressionWarningSchema), 'Type-checking warnings.', { proto: 1, listType: 'atomic' }),
    })), 'Results of type-checking the expressions.', { proto: 2 }),
    conditions: field(listOf(ConditionSchema), 'Observations of the policy\'s state.', { proto: 3, listType: 'map', listMapKeys: ['type'] }),
  })), 'The result of checking the policy.', { proto: 3 }),
}), { gvk: { group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingAdmissionPolicy' } });

interface ValidationLike { expression?: string; message?: string; reason?: string; messageExpression?: string }
export interface ValidatingAdmissionPolicyLike extends KObject {
  spec?: {
    paramKind?: { apiVersion?: string; kind?: string };
    matchConstraints?: MatchResourcesLike;
    validations?: ValidationLike[];
    failurePolicy?: string;
    auditAnnotations?: Array<{ key?: string; valueExpression?: string }>;
    matchConditions?: MatchConditionLike[];
    variables?: Array<{ name?: string; expression?: string }>;
  };
}

function validateParamKind(pk: { apiVersion?: string; kind?: string }, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const av = pk.apiVersion ?? '';
  const avPath = fe.child(path, 'apiVersion');
  if (!av) errs.push(fe.required(avPath, ''));
  else if ((av.match(/\//g) ?? []).length > 1) errs.push(fe.invalid(avPath, av, `unexpected GroupVersion string: ${av}`));
  else if (av !== '/') {
    const [group, version] = av.includes('/') ? [av.slice(0, av.indexOf('/')), av.slice(av.indexOf('/') + 1)] : ['', av];
    if (group) { const m = isDNS1123Subdomain(group); if (m.length) errs.push(fe.invalid(avPath, group, m.join(','))); }
    if (!version) errs.push(fe.invalid(avPath, av, 'version must be specified'));
    else { const m = isDNS1035Label(version); if (m.length) errs.push(fe.invalid(avPath, version, m.join(','))); }
  }
  const kind = pk.kind ?? '';
  if (!kind) errs.push(fe.required(fe.child(path, 'kind'), ''));
  else {
    const m = isDNS1035Label(kind.toLowerCase());
    if (m.length) errs.push(fe.invalid(fe.child(path, 'kind'), kind, `may have mixed case, but should otherwise match: ${m.join(',')}`));
  }
  return errs;
}

const REASONS = ['Forbidden', 'Invalid', 'RequestEntityTooLarge'];
const CEL_IDENT = /^[_a-zA-Z][_a-zA-Z0-9]*$/;
const CEL_RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

function validateValidation(v: ValidationLike, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!(v.expression ?? '').trim()) errs.push(fe.required(fe.child(path, 'expression'), 'expression is not specified'));
  if (v.messageExpression !== undefined && v.messageExpression.length > 0 && !v.messageExpression.trim()) {
    errs.push(fe.invalid(fe.child(path, 'messageExpression'), v.messageExpression, 'must be non-empty if specified'));
  }
  const msg = v.message ?? '';
  if (msg.length > 0 && !msg.trim()) errs.push(fe.invalid(fe.child(path, 'message'), msg, 'message must be non-empty if specified'));
  else if (/[\n\r]/.test(msg.trim())) errs.push(fe.invalid(fe.child(path, 'message'), msg, 'message must not contain line breaks'));
  if (v.reason !== undefined && !REASONS.includes(v.reason)) errs.push(fe.notSupported(fe.child(path, 'reason'), v.reason, REASONS));
  return errs;
}

/** validateValidatingAdmissionPolicySpec without compiling CEL. */
export function validateAdmissionPolicySpec(p: ValidatingAdmissionPolicyLike): FieldError[] {
  const spec = p.spec ?? {};
  const errs: FieldError[] = [];
  if (spec.failurePolicy === undefined) errs.push(fe.required('spec.failurePolicy', ''));
  else if (!['Fail', 'Ignore'].includes(spec.failurePolicy)) errs.push(fe.notSupported('spec.failurePolicy', spec.failurePolicy, ['Fail', 'Ignore']));
  if (spec.paramKind) errs.push(...validateParamKind(spec.paramKind, 'spec.paramKind'));
  if (!spec.matchConstraints) errs.push(fe.required('spec.matchConstraints', ''));
  else {
    errs.push(...validateMatchResources(spec.matchConstraints, 'spec.matchConstraints'));
    if ((spec.matchConstraints.resourceRules ?? []).length === 0) errs.push(fe.required('spec.matchConstraints.resourceRules', ''));
  }
  errs.push(...validateMatchConditions(spec.matchConditions, 'spec.matchConditions'));
  (spec.variables ?? []).forEach((v, i) => {
    const path = fe.index('spec.variables', i);
    if (!(v.name ?? '').trim()) errs.push(fe.required(fe.child(path, 'name'), 'name is not specified'));
    else if (!CEL_IDENT.test(v.name ?? '') || CEL_RESERVED.has(v.name ?? '')) errs.push(fe.invalid(fe.child(path, 'name'), v.name, 'name is not a valid CEL identifier'));
    if (!(v.expression ?? '').trim()) errs.push(fe.required(fe.child(path, 'expression'), 'expression is not specified'));
  });
  const validations = spec.validations ?? [];
  const audits = spec.auditAnnotations ?? [];
  if (validations.length === 0 && audits.length === 0) {
    const both = 'validations or auditAnnotations must contain at least one item';
    return [...errs, fe.required('spec.validations', both), fe.required('spec.auditAnnotations', both)];
  }
  validations.forEach((v, i) => errs.push(...validateValidation(v, fe.index('spec.validations', i))));
  if (audits.length > 20) errs.push(fe.invalid('spec.auditAnnotations', audits, 'must not have more than 20 auditAnnotations'));
  const keys = new Set<string>();
  audits.forEach((a, i) => {
    const path = fe.index('spec.auditAnnotations', i);
    const key = a.key ?? '';
    const name = p.metadata.name ?? '';
    if (name) for (const m of isQualifiedName(`${name}/${key}`)) errs.push(fe.invalid(fe.child(path, 'key'), `${name}/${key}`, m));
    else errs.push(fe.invalid(fe.child(path, 'key'), key, 'requires metadata.name be non-empty'));
    const value = (a.valueExpression ?? '').trim();
    if (!value) errs.push(fe.required(fe.child(path, 'valueExpression'), 'valueExpression is not specified'));
    else if (value.length > 5 * 1024) errs.push(fe.required(fe.child(path, 'valueExpression'), 'must not exceed 5120 bytes in length'));
    if (keys.has(key)) errs.push(fe.duplicate(fe.child(path, 'key'), key));
    keys.add(key);
  });
  return errs;
}

export const validatingadmissionpolicies: ResourceDef = {
  group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingAdmissionPolicy',
  plural: 'validatingadmissionpolicies', singular: 'validatingadmissionpolicy',
  namespaced: false, categories: ['api-extensions'],
  schema: ValidatingAdmissionPolicySchema,
  subresources: { status: true },
  defaults(obj) {
    const p = obj as ValidatingAdmissionPolicyLike;
    p.spec ??= {};
    p.spec.failurePolicy ??= 'Fail';
    if (p.spec.matchConstraints) defaultMatchResources(p.spec.matchConstraints);
  },
  validate: (obj) => validateAdmissionPolicySpec(obj as ValidatingAdmissionPolicyLike),
  warnings: () => [POLICIES_NOT_ENFORCED('ValidatingAdmissionPolicy')],
  table: {
    columns: [
      { name: 'Validations', type: 'integer', description: 'Number of validation rules of the policy.', priority: 0 },
      { name: 'ParamKind', type: 'string', description: 'Kind of the objects that parameterize the policy.', priority: 0 },
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
    ],
    cells(obj, now) {
      const spec = (obj as ValidatingAdmissionPolicyLike).spec;
      const pk = spec?.paramKind;
      return [(spec?.validations ?? []).length, pk ? `${pk.apiVersion ?? ''}/${pk.kind ?? ''}` : '<unset>', age(obj.metadata.creationTimestamp, now)];
    },
  },
};
