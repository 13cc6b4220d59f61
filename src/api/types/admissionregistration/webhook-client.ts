/**
 * How the API server would reach an admission webhook: a URL, or a Service in the cluster with a
 * port (default 443) and path; the CA bundle to trust. Schema, defaults and Kubernetes' validation.
 */
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { isDNS1123Subdomain, isValidPortNum } from '../../meta/names.js';
import { bytes, field, int32, object, string } from '../../schema/build.js';

export const ServiceReferenceSchema = object('io.k8s.api.admissionregistration.v1.ServiceReference', 'A Service in the cluster that serves the webhook.', () => ({
  namespace: field(string, 'Namespace of the Service.', { required: true, proto: 1 }),
  name: field(string, 'Name of the Service.', { required: true, proto: 2 }),
  path: field(string, 'URL path requests are sent to.', { proto: 3 }),
  port: field(int32, 'Port of the Service; default 443.', { proto: 4 }),
}));

export const WebhookClientConfigSchema = object('io.k8s.api.admissionregistration.v1.WebhookClientConfig', 'Where the webhook is: exactly one of url or service, and the CA that signed its certificate.', () => ({
  url: field(string, 'https URL of the webhook, without user information, query or fragment.', { proto: 3 }),
  service: field(ServiceReferenceSchema, 'The Service in the cluster that serves the webhook.', { proto: 1 }),
  caBundle: field(bytes, 'PEM CA bundle to verify the webhook\'s serving certificate; default the API server\'s trust roots.', { proto: 2 }),
}));

export interface ServiceReferenceLike { namespace?: string; name?: string; path?: string; port?: number }
export interface WebhookClientConfigLike { url?: string; service?: ServiceReferenceLike; caBundle?: string }

/** SetDefaults_ServiceReference: port 443. */
export function defaultClientConfig(cc: WebhookClientConfigLike | undefined): void {
  if (cc?.service) cc.service.port ??= 443;
}

const FORM = '; desired format: https://host[/path]';

/** ValidateWebhookURL with https forced. */
export function validateWebhookURL(raw: string, path: string): FieldError[] {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return [fe.required(path, `url must be a valid URL: parse "${raw}": invalid URI for request${FORM}`)];
  }
  const errs: FieldError[] = [];
  const scheme = u.protocol.replace(/:$/, '');
  if (scheme !== 'https') errs.push(fe.invalid(path, scheme, `'https' is the only allowed URL scheme${FORM}`));
  if (!u.host) errs.push(fe.invalid(path, u.host, `host must be specified${FORM}`));
  if (u.username || u.password) errs.push(fe.invalid(path, u.password ? `${u.username}:${u.password}` : u.username, 'user information is not permitted in the URL'));
  if (u.hash.length > 1) errs.push(fe.invalid(path, u.hash.slice(1), 'fragments are not permitted in the URL'));
  if (u.search.length > 1) errs.push(fe.invalid(path, u.search.slice(1), 'query parameters are not permitted in the URL'));
  return errs;
}

/** ValidateWebhookService: name, namespace and a valid port; each path segment a DNS subdomain. */
export function validateWebhookService(s: ServiceReferenceLike, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!s.name) errs.push(fe.required(fe.child(path, 'name'), 'service name is required'));
  if (!s.namespace) errs.push(fe.required(fe.child(path, 'namespace'), 'service namespace is required'));
  const port = s.port ?? 443;
  const portErrs = isValidPortNum(port);
  if (portErrs.length) errs.push(fe.invalid(fe.child(path, 'port'), port, `port is not valid: ${portErrs.join(', ')}`));
  const p = s.path;
  if (p === undefined || p === '' || p === '/') return errs;
  const pp = fe.child(path, 'path');
  if (p === '//') return [...errs, fe.invalid(pp, p, 'segment[0] may not be empty')];
  if (!p.startsWith('/')) errs.push(fe.invalid(pp, p, "must start with a '/'"));
  let rest = p.slice(1);
  if (rest.endsWith('/')) rest = rest.slice(0, -1);
  rest.split('/').forEach((step, i) => {
    if (!step) { errs.push(fe.invalid(pp, p, `segment[${i}] may not be empty`)); return; }
    for (const m of isDNS1123Subdomain(step)) errs.push(fe.invalid(pp, p, `segment[${i}]: ${m}`));
  });
  return errs;
}

/** Exactly one of url and service, each valid. */
export function validateClientConfig(cc: WebhookClientConfigLike | undefined, hookPath: string): FieldError[] {
  const c = cc ?? {};
  const path = fe.child(hookPath, 'clientConfig');
  if ((c.url === undefined) === (c.service === undefined)) return [fe.required(path, 'exactly one of url or service is required')];
  if (c.url !== undefined) return validateWebhookURL(c.url, fe.child(path, 'url'));
  return validateWebhookService(c.service ?? {}, fe.child(path, 'service'));
}
