/** admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration and MutatingWebhookConfiguration: lists of admission webhooks. */
import { age } from '../../meta/age.js';
import type { KObject } from '../../meta/object-meta.js';
import { kindFields } from '../../meta/type-fields.js';
import type { ResourceDef } from '../../resource.js';
import { field, listOf, object } from '../../schema/build.js';
import { WEBHOOKS_NOT_CALLED } from './not-enforced.js';
import { defaultWebhook, MutatingWebhookSchema, validateWebhooks, ValidatingWebhookSchema, type WebhookLike } from './webhooks.js';

export const ValidatingWebhookConfigurationSchema = object('io.k8s.api.admissionregistration.v1.ValidatingWebhookConfiguration', 'Admission webhooks that may reject requests (never change them).', () => ({
  ...kindFields(),
  webhooks: field(listOf(ValidatingWebhookSchema), 'The webhooks, each called for the requests its rules match.', {
    proto: 2, mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'],
  }),
}), { gvk: { group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingWebhookConfiguration' } });

export const MutatingWebhookConfigurationSchema = object('io.k8s.api.admissionregistration.v1.MutatingWebhookConfiguration', 'Admission webhooks that may change or reject requests.', () => ({
  ...kindFields(),
  webhooks: field(listOf(MutatingWebhookSchema), 'The webhooks, each called for the requests its rules match.', {
    proto: 2, mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'],
  }),
}), { gvk: { group: 'admissionregistration.k8s.io', version: 'v1', kind: 'MutatingWebhookConfiguration' } });

export interface WebhookConfigurationLike extends KObject { webhooks?: WebhookLike[] }

function webhookConfiguration(kind: 'ValidatingWebhookConfiguration' | 'MutatingWebhookConfiguration'): ResourceDef {
  const mutating = kind === 'MutatingWebhookConfiguration';
  const plural = `${kind.toLowerCase()}s`;
  return {
    group: 'admissionregistration.k8s.io', version: 'v1', kind, plural, singular: kind.toLowerCase(),
    namespaced: false, categories: ['api-extensions'],
    schema: mutating ? MutatingWebhookConfigurationSchema : ValidatingWebhookConfigurationSchema,
    generation: true,
    defaults(obj) {
      for (const h of (obj as WebhookConfigurationLike).webhooks ?? []) defaultWebhook(h, mutating);
    },
    validate: (obj) => validateWebhooks((obj as WebhookConfigurationLike).webhooks, mutating),
    prepareForUpdate(obj, old) {
      const changed = JSON.stringify((obj as WebhookConfigurationLike).webhooks ?? []) !== JSON.stringify((old as WebhookConfigurationLike).webhooks ?? []);
      obj.metadata.generation = (old.metadata.generation ?? 1) + (changed ? 1 : 0);
    },
    warnings: () => [WEBHOOKS_NOT_CALLED(kind)],
    table: {
      columns: [
        { name: 'Webhooks', type: 'integer', description: 'Number of webhooks in the configuration.', priority: 0 },
        { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
      ],
      cells: (obj, now) => [((obj as WebhookConfigurationLike).webhooks ?? []).length, age(obj.metadata.creationTimestamp, now)],
    },
  };
}

export const validatingwebhookconfigurations = webhookConfiguration('ValidatingWebhookConfiguration');
export const mutatingwebhookconfigurations = webhookConfiguration('MutatingWebhookConfiguration');
