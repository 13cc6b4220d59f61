import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { fieldErrorString } from '../../meta/field-errors.js';
import { isDNS1035Label } from '../../meta/names.js';
import type { KObject } from '../../meta/object-meta.js';
import { checkStructure } from '../../schema/structural.js';
import { paramRefCell, validatingadmissionpolicybindings, ValidatingAdmissionPolicyBindingSchema } from './admission-policy-binding.js';
import { validatingadmissionpolicies, ValidatingAdmissionPolicySchema, type ValidatingAdmissionPolicyLike } from './admission-policy.js';

const CTX = { serviceCIDRs: [], nodePortRange: [30000, 32767] as [number, number] };

const [POLICY, BINDING] = `
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: "demo-policy.example.com"
spec:
  matchConstraints:
    resourceRules:
    - apiGroups:   ["apps"]
      apiVersions: ["v1"]
      operations:  ["CREATE", "UPDATE"]
      resources:   ["deployments"]
  validations:
    - expression: "object.spec.replicas <= 5"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: "demo-binding-test.example.com"
spec:
  policyName: "demo-policy.example.com"
  validationActions: [Deny]
  matchResources:
    namespaceSelector:
      matchLabels:
        environment: test
`.split('---').map((d) => parse(d) as KObject);

test('the documentation\'s policy and binding decode, default and validate', () => {
  assert.deepEqual(checkStructure(ValidatingAdmissionPolicySchema, POLICY as Record<string, unknown>), { unknown: [], error: undefined });
  assert.deepEqual(checkStructure(ValidatingAdmissionPolicyBindingSchema, BINDING as Record<string, unknown>), { unknown: [], error: undefined });
  const p = structuredClone(POLICY) as ValidatingAdmissionPolicyLike;
  validatingadmissionpolicies.defaults?.(p);
  assert.equal(p.spec?.failurePolicy, 'Fail');
  assert.deepEqual([p.spec?.matchConstraints?.matchPolicy, p.spec?.matchConstraints?.namespaceSelector, p.spec?.matchConstraints?.resourceRules?.[0].scope],
    ['Equivalent', {}, '*']);
  assert.deepEqual(validatingadmissionpolicies.validate?.(p, CTX), []);
  const b = structuredClone(BINDING);
  validatingadmissionpolicybindings.defaults?.(b);
  assert.deepEqual(validatingadmissionpolicybindings.validate?.(b, CTX), []);
});

test('Kubernetes\' messages for an empty policy and a bad binding', () => {
  const p = { metadata: { name: 'p' }, spec: { failurePolicy: 'Maybe', paramKind: { apiVersion: 'a/b/c', kind: 'Config Map' } } };
  assert.deepEqual((validatingadmissionpolicies.validate?.(p, CTX) ?? []).map(fieldErrorString), [
    'spec.failurePolicy: Unsupported value: "Maybe": supported values: "Fail", "Ignore"',
    'spec.paramKind.apiVersion: Invalid value: "a/b/c": unexpected GroupVersion string: a/b/c',
    `spec.paramKind.kind: Invalid value: "Config Map": may have mixed case, but should otherwise match: ${isDNS1035Label('config map').join(',')}`,
    'spec.matchConstraints: Required value',
    'spec.validations: Required value: validations or auditAnnotations must contain at least one item',
    'spec.auditAnnotations: Required value: validations or auditAnnotations must contain at least one item',
  ]);
  const b = { metadata: { name: 'b' }, spec: { paramRef: { name: 'x', selector: {} }, validationActions: ['Deny', 'Warn', 'Deny'] } };
  assert.deepEqual((validatingadmissionpolicybindings.validate?.(b, CTX) ?? []).map(fieldErrorString), [
    'spec.policyName: Required value',
    'spec.paramRef.name: Forbidden: name and selector are mutually exclusive',
    'spec.paramRef.selector: Forbidden: name and selector are mutually exclusive',
    'spec.paramRef.parameterNotFoundAction: Required value',
    'spec.validationActions[2]: Duplicate value: "Deny"',
    'spec.validationActions: Invalid value: []string{"Deny", "Warn", "Deny"}: must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)',
  ]);
});

test('table cells and the not-enforced warnings', () => {
  const p = structuredClone(POLICY) as ValidatingAdmissionPolicyLike;
  p.metadata.creationTimestamp = '2024-01-01T00:00:00Z';
  const now = new Date('2024-01-01T00:00:05Z');
  assert.deepEqual(validatingadmissionpolicies.table?.cells(p, now), [1, '<unset>', '5s']);
  p.spec = { ...p.spec, paramKind: { apiVersion: 'v1', kind: 'ConfigMap' } };
  assert.deepEqual(validatingadmissionpolicies.table?.cells(p, now), [1, 'v1/ConfigMap', '5s']);
  assert.equal(paramRefCell({ name: 'cfg' }), '*/cfg');
  assert.equal(paramRefCell({ name: 'cfg', namespace: 'ns' }), 'ns/cfg');
  assert.equal(paramRefCell({ selector: { matchLabels: { a: 'b' } } }), '&LabelSelector{MatchLabels:map[string]string{a: b,},MatchExpressions:[]LabelSelectorRequirement{},}');
  assert.match(validatingadmissionpolicies.warnings?.(p)[0] ?? '', /does not evaluate validating admission policies/);
  assert.match(validatingadmissionpolicybindings.warnings?.(p)[0] ?? '', /^navarch stores ValidatingAdmissionPolicyBinding objects/);
});
