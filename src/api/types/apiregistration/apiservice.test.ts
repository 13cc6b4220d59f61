import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { fieldErrorString } from '../../meta/field-errors.js';
import { checkStructure } from '../../schema/structural.js';
import { APISERVICE_NOT_PROXIED_WARNING, apiServiceCells, apiservices, APIServiceSchema, type APIServiceLike } from './apiservice.js';
import { AUTOMANAGED_LABEL, localAPIServices } from './local-apiservices.js';

const CTX = { serviceCIDRs: [], nodePortRange: [30000, 32767] as [number, number] };
const errors = (a: APIServiceLike): string[] => (apiservices.validate?.(a, CTX) ?? []).map(fieldErrorString);

const METRICS = parse(`
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata:
  name: v1beta1.metrics.k8s.io
spec:
  service:
    name: metrics-server
    namespace: kube-system
  group: metrics.k8s.io
  version: v1beta1
  insecureSkipTLSVerify: true
  groupPriorityMinimum: 100
  versionPriority: 100
`) as APIServiceLike;

test('metrics-server\'s APIService validates; it is stored unavailable, with a warning', () => {
  const a = structuredClone(METRICS);
  assert.deepEqual(checkStructure(APIServiceSchema, a as Record<string, unknown>), { unknown: [], error: undefined });
  apiservices.defaults?.(a);
  assert.equal(a.spec?.service?.port, 443);
  assert.deepEqual(errors(a), []);
  apiservices.prepareForCreate?.(a);
  assert.deepEqual(apiServiceCells(a), ['kube-system/metrics-server', 'False (ServiceNotProxied)']);
  assert.deepEqual(apiservices.warnings?.(a), [APISERVICE_NOT_PROXIED_WARNING]);
});

test('the Local APIServices of the served group versions: names, priorities, Available', () => {
  const list = localAPIServices([{ group: '', version: 'v1' }, { group: 'apps', version: 'v1' }, { group: 'autoscaling', version: 'v2' },
    { group: 'example.com', version: 'v1' }]);
  assert.deepEqual(list.map((a) => [a.metadata.name, a.spec?.groupPriorityMinimum, a.spec?.versionPriority]),
    [['v1.', 18000, 1], ['v1.apps', 17800, 15], ['v2.autoscaling', 17500, 30]]);
  assert.deepEqual(list[0].metadata.labels, { [AUTOMANAGED_LABEL]: 'onstart' });
  for (const a of list) {
    assert.deepEqual(errors(a), [], a.metadata.name);
    assert.deepEqual(apiservices.nameValidator?.(a.metadata.name ?? ''), []);
    apiservices.prepareForCreate?.(a);
    assert.deepEqual(apiServiceCells(a), ['Local', 'True']);
    assert.deepEqual(apiservices.warnings?.(a), []);
  }
});

test('Kubernetes\' messages', () => {
  const a = structuredClone(METRICS);
  a.metadata.name = 'metrics';
  a.spec = { ...a.spec, groupPriorityMinimum: 0, versionPriority: 2000, caBundle: 'Y2EK', service: { namespace: '', name: 'm', port: 0 } };
  assert.deepEqual(errors(a), [
    'metadata.name: Invalid value: "metrics": must be `spec.version+"."+spec.group`: "v1beta1.metrics.k8s.io"',
    'spec.groupPriorityMinimum: Invalid value: 0: must be positive and less than 20000',
    'spec.versionPriority: Invalid value: 2000: must be positive and less than 1000',
    'spec.service.namespace: Required value',
    'spec.service.port: Invalid value: 0: port is not valid: must be between 1 and 65535, inclusive',
    'spec.insecureSkipTLSVerify: Invalid value: true: may not be true if caBundle is present',
  ]);
  const local = { metadata: { name: 'v2.' }, spec: { version: 'v2', groupPriorityMinimum: 1, versionPriority: 1 } };
  assert.deepEqual(errors(local), ['spec.group: Required value: only v1 may have an empty group and it better be legacy kube']);
});
