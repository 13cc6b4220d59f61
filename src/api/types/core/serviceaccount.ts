/** core/v1 ServiceAccount: an identity for processes in pods, with its image pull secrets. */
import { age } from '../../meta/age.js';
import type { KObject } from '../../meta/object-meta.js';
import { kindFields } from '../../meta/type-fields.js';
import { boolean, field, listOf, object } from '../../schema/build.js';
import type { ResourceDef } from '../../resource.js';
import { LocalObjectReferenceSchema, ObjectReferenceSchema } from './common/index.js';

export const ServiceAccountSchema = object('io.k8s.api.core.v1.ServiceAccount', 'An identity that pods run as when they talk to the API server.', () => ({
  ...kindFields(),
  secrets: field(listOf(ObjectReferenceSchema), 'Legacy: Secrets holding tokens for this account (no longer created automatically).', {
    proto: 2, mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'],
  }),
  imagePullSecrets: field(listOf(LocalObjectReferenceSchema), 'Secrets with registry credentials added to pods that use this account.', { proto: 3, listType: 'atomic' }),
  automountServiceAccountToken: field(boolean, 'Whether pods using this account get an API token mounted (pods may override).', { proto: 4 }),
}), { gvk: { group: '', version: 'v1', kind: 'ServiceAccount' } });

interface ServiceAccountLike extends KObject { secrets?: unknown[] }

export const serviceaccounts: ResourceDef = {
  group: '', version: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', singular: 'serviceaccount',
  namespaced: true, shortNames: ['sa'],
  schema: ServiceAccountSchema,
  generation: false,
  table: {
    columns: [
      { name: 'Secrets', type: 'string', description: 'Number of secrets listed on the account.', priority: 0 },
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
    ],
    cells: (obj, now) => [((obj as ServiceAccountLike).secrets ?? []).length, age(obj.metadata.creationTimestamp, now)],
  },
};
