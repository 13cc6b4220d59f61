import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { fieldErrorString } from '../../meta/field-errors.js';
import { checkStructure } from '../../schema/structural.js';
import { CRD_CLEANUP_FINALIZER, customresourcedefinitions, type CustomResourceDefinitionLike } from './crd.js';
import { CustomResourceDefinitionSchema } from './crd-schema.js';

const CTX = { serviceCIDRs: [], nodePortRange: [30000, 32767] as [number, number] };
const errors = (o: CustomResourceDefinitionLike): string[] => (customresourcedefinitions.validate?.(o, CTX) ?? []).map(fieldErrorString);

const CRONTAB = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: crontabs.stable.example.com
spec:
  group: stable.example.com
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              x-kubernetes-validations:
              - rule: "self.replicas <= 10"
                message: "at most 10"
              properties:
                cronSpec:
                  type: string
                  pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'
                image:
                  type: string
                replicas:
                  type: integer
                  minimum: 1
                  default: 1
                ports:
                  type: array
                  x-kubernetes-list-type: map
                  x-kubernetes-list-map-keys: [name]
                  items:
                    type: object
                    required: [name]
                    properties:
                      name: {type: string}
                      port: {x-kubernetes-int-or-string: true}
                extra:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
      additionalPrinterColumns:
      - name: Spec
        type: string
        jsonPath: .spec.cronSpec
  scope: Namespaced
  names:
    plural: crontabs
    singular: crontab
    kind: CronTab
    shortNames:
    - ct
`;

test('the documentation\'s CronTab CRD decodes, defaults and validates', () => {
  const crd = parse(CRONTAB) as CustomResourceDefinitionLike;
  assert.deepEqual(checkStructure(CustomResourceDefinitionSchema, crd as Record<string, unknown>), { unknown: [], error: undefined });
  customresourcedefinitions.defaults?.(crd);
  assert.deepEqual([crd.spec?.names?.listKind, crd.spec?.conversion], ['CronTabList', { strategy: 'None' }]);
  assert.deepEqual(errors(crd), []);
});

test('status: names accepted, Established, storage versions recorded; no warning', () => {
  const crd = parse(CRONTAB) as CustomResourceDefinitionLike;
  customresourcedefinitions.prepareForCreate?.(crd);
  assert.deepEqual(crd.status?.storedVersions, ['v1']);
  assert.deepEqual(crd.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message]), [
    ['NamesAccepted', 'True', 'NoConflicts', 'no conflicts found'],
    ['Established', 'True', 'InitialNamesAccepted', 'the initial names have been accepted'],
  ]);
  assert.deepEqual(crd.status?.acceptedNames, { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', shortNames: ['ct'], listKind: 'CronTabList' });
  assert.equal(customresourcedefinitions.warnings, undefined);
  const next = structuredClone(crd);
  next.spec?.versions?.push({ name: 'v2', served: true, storage: true });
  (next.spec?.versions ?? [])[0].storage = false;
  next.spec = { ...next.spec, names: { ...next.spec?.names, shortNames: ['ct', 'cron'] } };
  customresourcedefinitions.prepareForUpdate?.(next, crd);
  assert.deepEqual(next.status?.storedVersions, ['v1', 'v2']);
  assert.deepEqual(next.status?.acceptedNames?.shortNames, ['ct', 'cron']);
});

test('deletion waits for the cleanup finalizer: marked Terminating, then deleted once it is removed', () => {
  const crd = parse(CRONTAB) as CustomResourceDefinitionLike;
  customresourcedefinitions.prepareForCreate?.(crd);
  assert.equal(customresourcedefinitions.deletionPending?.(crd), true);
  crd.metadata.deletionTimestamp = '2024-01-01T00:00:00Z';
  customresourcedefinitions.markDeleting?.(crd);
  assert.deepEqual(crd.metadata.finalizers, [CRD_CLEANUP_FINALIZER]);
  assert.deepEqual(crd.status?.conditions?.find((c) => c.type === 'Terminating')?.reason, 'InstanceDeletionPending');
  assert.equal(customresourcedefinitions.deletionPending?.(crd), true);
  crd.metadata.finalizers = [];
  assert.equal(customresourcedefinitions.deletionPending?.(crd), false);
});

test('Kubernetes\' messages for names, group, scope and versions', () => {
  const crd = parse(CRONTAB) as CustomResourceDefinitionLike;
  crd.metadata.name = 'crontab.stable.example.com';
  crd.spec = { ...crd.spec, group: 'example', scope: 'Global', names: { plural: 'CronTabs', kind: 'CronTab', listKind: 'CronTab', singular: 'crontab' } };
  crd.spec.versions?.push({ name: 'v1', served: true, storage: true });
  const errs = errors(crd);
  assert.deepEqual(errs.filter((e) => !e.startsWith('spec.versions') && !e.startsWith('spec.names.plural')), [
    'metadata.name: Invalid value: "crontab.stable.example.com": must be spec.names.plural+"."+spec.group',
    'spec.group: Invalid value: "example": should be a domain with at least one dot',
    'spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"',
    'spec.names.listKind: Invalid value: "CronTab": kind and listKind may not be the same',
  ]);
  assert.ok(errs.some((e) => e.startsWith('spec.versions[1].schema.openAPIV3Schema: Required value: schemas are required')), errs.join('\n'));
  assert.ok(errs.some((e) => e.startsWith('spec.versions: Invalid value: ') && e.endsWith(': must contain unique version names')), errs.join('\n'));
  assert.ok(errs.some((e) => e.endsWith(': must have exactly one version marked as storage version')), errs.join('\n'));
  assert.ok(errs.some((e) => e.startsWith('spec.names.plural: Invalid value: "CronTabs": ')), errs.join('\n'));
});

test('group and plural cannot change', () => {
  const old = parse(CRONTAB) as CustomResourceDefinitionLike;
  const next = structuredClone(old);
  next.spec = { ...next.spec, group: 'other.example.com', names: { ...next.spec?.names, plural: 'tabs' } };
  assert.deepEqual((customresourcedefinitions.validateUpdate?.(next, old, CTX) ?? []).map(fieldErrorString), [
    'spec.group: Invalid value: "other.example.com": field is immutable',
    'spec.names.plural: Invalid value: "tabs": field is immutable',
  ]);
});
