import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { fieldErrorString } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import { checkStructure } from '../../schema/structural.js';
import { WEBHOOKS_NOT_CALLED } from './not-enforced.js';
import {
  mutatingwebhookconfigurations, validatingwebhookconfigurations, ValidatingWebhookConfigurationSchema, type WebhookConfigurationLike,
} from './webhook-configurations.js';

const CTX = { serviceCIDRs: [], nodePortRange: [30000, 32767] as [number, number] };
const errors = (obj: KObject, mutating = false): string[] =>
  ((mutating ? mutatingwebhookconfigurations : validatingwebhookconfigurations).validate?.(obj, CTX) ?? []).map(fieldErrorString);

const DOC = `
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: pod-policy.example.com
webhooks:
- name: pod-policy.example.com
  rules:
  - apiGroups:   [""]
    apiVersions: ["v1"]
    operations:  ["CREATE"]
    resources:   ["pods"]
    scope:       "Namespaced"
  clientConfig:
    service:
      namespace: "example-namespace"
      name: "example-service"
    caBundle: "Y2EK"
  admissionReviewVersions: ["v1"]
  sideEffects: None
  timeoutSeconds: 5
`;

test('the documentation\'s example decodes, defaults as Kubernetes does, and validates', () => {
  const doc = parse(DOC) as WebhookConfigurationLike;
  assert.deepEqual(checkStructure(ValidatingWebhookConfigurationSchema, doc as Record<string, unknown>), { unknown: [], error: undefined });
  validatingwebhookconfigurations.defaults?.(doc);
  const h = doc.webhooks?.[0];
  assert.deepEqual([h?.failurePolicy, h?.matchPolicy, h?.namespaceSelector, h?.objectSelector, h?.timeoutSeconds, h?.clientConfig?.service?.port],
    ['Fail', 'Equivalent', {}, {}, 5, 443]);
  assert.equal(h?.reinvocationPolicy, undefined);
  assert.deepEqual(errors(doc), []);
  const m = parse(DOC.replace('ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration')) as WebhookConfigurationLike;
  mutatingwebhookconfigurations.defaults?.(m);
  assert.equal(m.webhooks?.[0].reinvocationPolicy, 'Never');
  assert.equal(m.webhooks?.[0].rules?.[0].scope, 'Namespaced');
});

test('Kubernetes\' messages for a broken webhook', () => {
  const doc = parse(DOC) as WebhookConfigurationLike;
  const h = doc.webhooks?.[0] ?? {};
  Object.assign(h, { name: 'policy.example', sideEffects: 'Some', timeoutSeconds: 31, admissionReviewVersions: ['v2'] });
  h.clientConfig = { url: 'http://example.com/hook?x=1' };
  h.rules = [{ apiGroups: [], apiVersions: ['v1'], operations: ['CREATE', '*'], resources: ['*', 'pods'] }];
  doc.webhooks?.push({ ...structuredClone(h), name: 'policy.example' });
  const errs = errors(doc);
  assert.deepEqual(errs.slice(0, 9), [
    'webhooks[0].name: Invalid value: "policy.example": should be a domain with at least three segments separated by dots',
    "webhooks[0].rules[0].operations: Invalid value: []string{\"CREATE\", \"*\"}: if '*' is present, must not specify other operations",
    'webhooks[0].rules[0].apiGroups: Required value',
    "webhooks[0].rules[0].resources: Invalid value: []string{\"*\", \"pods\"}: if '*' is present, must not specify other resources without subresources",
    'webhooks[0].sideEffects: Unsupported value: "Some": supported values: "None", "NoneOnDryRun"',
    'webhooks[0].timeoutSeconds: Invalid value: 31: the timeout value must be between 1 and 30 seconds',
    "webhooks[0].clientConfig.url: Invalid value: \"http\": 'https' is the only allowed URL scheme; desired format: https://host[/path]",
    'webhooks[0].clientConfig.url: Invalid value: "x=1": query parameters are not permitted in the URL',
    'webhooks[0].admissionReviewVersions: Invalid value: []string{"v2"}: must include at least one of v1, v1beta1',
  ]);
  assert.ok(errs.includes('webhooks[1].name: Duplicate value: "policy.example"'), errs.join('\n'));
  delete h.sideEffects;
  h.clientConfig = {};
  h.admissionReviewVersions = [];
  const second = errors({ ...doc, webhooks: [h] } as KObject);
  assert.ok(second.includes('webhooks[0].sideEffects: Required value: must specify one of None, NoneOnDryRun'), second.join('\n'));
  assert.ok(second.includes('webhooks[0].clientConfig: Required value: exactly one of url or service is required'), second.join('\n'));
  assert.ok(second.includes('webhooks[0].admissionReviewVersions: Required value: must specify one of v1, v1beta1'), second.join('\n'));
});

test('writes are told webhooks are not called; WEBHOOKS column and generation', () => {
  assert.deepEqual(validatingwebhookconfigurations.warnings?.({ metadata: {} }),
    ['navarch stores ValidatingWebhookConfiguration objects but does not call admission webhooks: requests are admitted without them']);
  assert.equal(WEBHOOKS_NOT_CALLED('MutatingWebhookConfiguration'), mutatingwebhookconfigurations.warnings?.({ metadata: {} })[0]);
  const doc = parse(DOC) as WebhookConfigurationLike;
  doc.metadata.creationTimestamp = '2024-01-01T00:00:00Z';
  assert.deepEqual(validatingwebhookconfigurations.table?.cells(doc, new Date('2024-01-01T00:01:00Z')), [1, '60s']);
  const old = { ...structuredClone(doc), metadata: { ...doc.metadata, generation: 1 } };
  const next = structuredClone(old);
  validatingwebhookconfigurations.prepareForUpdate?.(next, old);
  assert.equal(next.metadata.generation, 1);
  (next.webhooks ?? [])[0].timeoutSeconds = 7;
  validatingwebhookconfigurations.prepareForUpdate?.(next, old);
  assert.equal(next.metadata.generation, 2);
});

test('the notes\' ingress-nginx admission webhook (004:5754) is accepted, with a path on its service', () => {
  const doc = parse(`
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: ingress-nginx-admission
webhooks:
- admissionReviewVersions:
  - v1
  clientConfig:
    service:
      name: ingress-nginx-controller-admission
      namespace: ingress-nginx
      path: /networking/v1/ingresses
  failurePolicy: Fail
  matchPolicy: Equivalent
  name: validate.nginx.ingress.kubernetes.io
  rules:
  - apiGroups:
    - networking.k8s.io
    apiVersions:
    - v1
    operations:
    - CREATE
    - UPDATE
    resources:
    - ingresses
  sideEffects: None
`) as WebhookConfigurationLike;
  assert.deepEqual(checkStructure(ValidatingWebhookConfigurationSchema, doc as Record<string, unknown>), { unknown: [], error: undefined });
  validatingwebhookconfigurations.defaults?.(doc);
  assert.deepEqual(errors(doc), []);
  (doc.webhooks ?? [])[0].clientConfig = { service: { name: 's', namespace: 'n', path: 'networking//x/', port: 70000 } };
  assert.deepEqual(errors(doc), [
    'webhooks[0].clientConfig.service.port: Invalid value: 70000: port is not valid: must be between 1 and 65535, inclusive',
    "webhooks[0].clientConfig.service.path: Invalid value: \"networking//x/\": must start with a '/'",
    'webhooks[0].clientConfig.service.path: Invalid value: "networking//x/": segment[1] may not be empty',
  ]);
});
