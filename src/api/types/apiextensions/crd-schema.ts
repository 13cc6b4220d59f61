/** The schema of apiextensions.k8s.io/v1 CustomResourceDefinition. */
import { kindFields } from '../../meta/type-fields.js';
import { boolean, bytes, field, int32, listOf, object, string, time } from '../../schema/build.js';
import { JSONSchemaPropsSchema } from './json-schema-props.js';

const ServiceReferenceSchema = object('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.ServiceReference', 'A Service that serves the conversion webhook.', () => ({
  namespace: field(string, 'Namespace of the Service.', { required: true, proto: 1 }),
  name: field(string, 'Name of the Service.', { required: true, proto: 2 }),
  path: field(string, 'URL path requests are sent to.', { proto: 3 }),
  port: field(int32, 'Port of the Service; default 443.', { proto: 4 }),
}));

const WebhookClientConfigSchema = object('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.WebhookClientConfig', 'Where the conversion webhook is: a URL or a Service, and the CA to trust.', () => ({
  url: field(string, 'https URL of the webhook.', { proto: 3 }),
  service: field(ServiceReferenceSchema, 'The Service that serves the webhook.', { proto: 1 }),
  caBundle: field(bytes, 'PEM CA bundle for the webhook\'s serving certificate.', { proto: 2 }),
}));

const ConversionSchema = object('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceConversion', 'How custom resources are converted between versions.', () => ({
  strategy: field(string, 'None (the default: only apiVersion changes) or Webhook.', { required: true, proto: 1 }),
  webhook: field(object('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.WebhookConversion', 'The conversion webhook.', () => ({
    clientConfig: field(WebhookClientConfigSchema, 'How to reach the webhook.', { proto: 2 }),
    conversionReviewVersions: field(listOf(string), 'ConversionReview versions the webhook understands (v1, v1beta1).', { required: true, proto: 3, listType: 'atomic' }),
  })), 'The webhook, when strategy is Webhook.', { proto: 2 }),
}));

export const CustomResourceDefinitionNamesSchema = object('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionNames', 'The names of the custom resource.', () => ({
  plural: field(string, 'Lower-case plural used in URLs; metadata.name must be <plural>.<group>.', { required: true, proto: 1 }),
  singular: field(string, 'Lower-case singular; defaults to the lower-cased kind.', { proto: 2 }),
  shortNames: field(listOf(string), 'Short names kubectl accepts.', { proto: 3, listType: 'atomic' }),
  kind: field(string, 'CamelCase kind of the objects.', { required: true, proto: 4 }),
  listKind: field(string, 'Kind of lists; defaults to <kind>List.', { proto: 5 }),
  categories: field(listOf(string), 'Groups of resources this one belongs to (e.g. all).', { proto: 6, listType: 'atomic' }),
}));

const ColumnSchema = object('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceColumnDefinition', 'A column kubectl get shows for the custom resource.', () => ({
  name: field(string, 'Column header.', { required: true, proto: 1 }),
  type: field(string, 'integer, number, string, boolean or date.', { required: true, proto: 2 }),
  format: field(string, 'Format of the values (int32, int64, float, double, byte, date, date-time, password).', { proto: 3 }),
  description: field(string, 'What the column shows.', { proto: 4 }),
  priority: field(int32, '0 to show always, more to show only with -o wide.', { proto: 5 }),
  jsonPath: field(string, 'Simple JSONPath evaluated on each object for the cell.', { required: true, proto: 6 }),
}));

const VersionSchema = object('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionVersion', 'One version of the custom resource.', () => ({
  name: field(string, 'The version, e.g. v1, v1beta1 (served at /apis/<group>/<name>).', { required: true, proto: 1 }),
  served: field(boolean, 'Whether the version is served.', { required: true, proto: 2 }),
  storage: field(boolean, 'Whether objects are stored in this version; exactly one version has it.', { required: true, proto: 3 }),
  deprecated: field(boolean, 'Whether requests to this version get a deprecation warning.', { proto: 7 }),
  deprecationWarning: field(string, 'The warning to send instead of the default one.', { proto: 8 }),
  schema: field(object('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceValidation', 'The schema objects of this version must follow.', () => ({
    openAPIV3Schema: field(JSONSchemaPropsSchema, 'The OpenAPI v3 schema, used for validation, pruning and defaulting.', { proto: 1 }),
  })), 'The schema of this version.', { proto: 4 }),
  subresources: field(object('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceSubresources', 'The status and scale subresources of this version.', () => ({
    status: field(object('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceSubresourceStatus', 'Enables /status (an empty object).', () => ({})), 'Enables the /status subresource.', { proto: 1 }),
    scale: field(object('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceSubresourceScale', 'Enables /scale.', () => ({
      specReplicasPath: field(string, 'JSON path of the desired replicas, under .spec.', { required: true, proto: 1 }),
      statusReplicasPath: field(string, 'JSON path of the observed replicas, under .status.', { required: true, proto: 2 }),
      labelSelectorPath: field(string, 'JSON path of the serialized label selector, under .status or .spec.', { proto: 3 }),
    })), 'Enables the /scale subresource.', { proto: 2 }),
  })), 'Subresources of this version.', { proto: 5 }),
  additionalPrinterColumns: field(listOf(ColumnSchema), 'Columns kubectl get shows besides NAME.', { proto: 6, listType: 'atomic' }),
  selectableFields: field(listOf(object('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.SelectableField', 'A field usable in field selectors.', () => ({
    jsonPath: field(string, 'JSON path of the field.', { required: true, proto: 1 }),
  }))), 'Fields usable in field selectors.', { proto: 9, listType: 'atomic' }),
}));

const ConditionSchema = object('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionCondition', 'One observation about the CRD (Established, NamesAccepted, …).', () => ({
  type: field(string, 'Kind of condition.', { required: true, proto: 1 }),
  status: field(string, 'True, False or Unknown.', { required: true, proto: 2 }),
  lastTransitionTime: field(time, 'When the status last changed.', { proto: 3 }),
  reason: field(string, 'CamelCase cause of the last transition.', { proto: 4 }),
  message: field(string, 'Human-readable details.', { proto: 5 }),
}));

export const CustomResourceDefinitionSchema = object('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition', 'Declares a custom resource: its group, names, scope and versions with their schemas. The name must be <plural>.<group>.', () => ({
  ...kindFields(),
  spec: field(object('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionSpec', 'The resource being declared.', () => ({
    group: field(string, 'API group of the resource, a domain with at least one dot.', { required: true, proto: 1 }),
    names: field(CustomResourceDefinitionNamesSchema, 'Names of the resource.', { required: true, proto: 3 }),
    scope: field(string, 'Cluster or Namespaced.', { required: true, proto: 4 }),
    versions: field(listOf(VersionSchema), 'The versions of the resource.', { required: true, proto: 7, listType: 'atomic' }),
    conversion: field(ConversionSchema, 'How objects are converted between versions.', { proto: 9 }),
    preserveUnknownFields: field(boolean, 'Keep fields the schemas do not list (deprecated; use x-kubernetes-preserve-unknown-fields).', { proto: 10 }),
  })), 'The resource being declared.', { required: true, proto: 2 }),
  status: field(object('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionStatus', 'Observed state of the CRD.', () => ({
    conditions: field(listOf(ConditionSchema), 'Observations of the CRD.', { proto: 1, listType: 'map', listMapKeys: ['type'] }),
    acceptedNames: field(CustomResourceDefinitionNamesSchema, 'The names actually being served.', { proto: 2 }),
    storedVersions: field(listOf(string), 'Versions objects have ever been stored in.', { proto: 3, listType: 'atomic' }),
  })), 'Observed state of the CRD.', { proto: 3 }),
}), { gvk: { group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition' } });
