/**
 * The admissionregistration.k8s.io group: admission webhook configurations and validating
 * admission policies with their bindings. navarch stores and validates them, but calls no webhook
 * and evaluates no policy; every write says so in a Warning.
 */
import type { ResourceDef } from '../../resource.js';
import { validatingadmissionpolicybindings } from './admission-policy-binding.js';
import { validatingadmissionpolicies } from './admission-policy.js';
import { mutatingwebhookconfigurations, validatingwebhookconfigurations } from './webhook-configurations.js';

export { POLICIES_NOT_ENFORCED, WEBHOOKS_NOT_CALLED } from './not-enforced.js';
export { MutatingWebhookConfigurationSchema, ValidatingWebhookConfigurationSchema } from './webhook-configurations.js';
export { ValidatingAdmissionPolicySchema } from './admission-policy.js';
export { ValidatingAdmissionPolicyBindingSchema } from './admission-policy-binding.js';

export const admissionregistrationResources: ResourceDef[] = [
  mutatingwebhookconfigurations, validatingwebhookconfigurations, validatingadmissionpolicies, validatingadmissionpolicybindings,
];
