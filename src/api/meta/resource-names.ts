/**
 * Resource names (cpu, memory, requests.storage, example.com/gpu, hugepages-2Mi …) and the checks
 * Kubernetes applies to them and their quantities in quotas, limit ranges, node capacity and
 * container resources.
 */
import * as fe from './field-errors.js';
import type { FieldError } from './field-errors.js';
import { isQualifiedName } from './names.js';
import { milliValue, parseQuantity } from './quantity.js';
import { canonicalQuantity, roundUpToMilli } from './quantity-canonical.js';

const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services',
  'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims', 'storage', 'requests.storage',
  'services.nodeports', 'services.loadbalancers',
]);

const STANDARD_QUOTA_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.storage',
  'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods',
  'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'persistentvolumeclaims', 'configmaps',
  'services.nodeports', 'services.loadbalancers',
]);

const INTEGER_RESOURCES = new Set([
  'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps',
  'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers',
]);

export const IS_NEGATIVE_ERROR = 'must be greater than or equal to 0';
export const IS_NOT_INTEGER_ERROR = 'must be an integer';
export const IS_NOT_POSITIVE_ERROR = 'must be greater than zero';

export function isHugePageResourceName(name: string): boolean {
  return name.startsWith('hugepages-');
}

function isQuotaHugePageResourceName(name: string): boolean {
  return name.startsWith('hugepages-') || name.startsWith('requests.hugepages-');
}

/** Unprefixed names and those in the kubernetes.io domain. */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** Extended resources: domain-prefixed names outside kubernetes.io, not starting with "requests.". */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

export function isStandardResourceName(name: string): boolean {
  return STANDARD_RESOURCES.has(name) || isQuotaHugePageResourceName(name);
}

export function isStandardQuotaResourceName(name: string): boolean {
  return STANDARD_QUOTA_RESOURCES.has(name) || isQuotaHugePageResourceName(name);
}

export function isStandardContainerResourceName(name: string): boolean {
  return name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' || isHugePageResourceName(name);
}

export function isIntegerResourceName(name: string): boolean {
  return INTEGER_RESOURCES.has(name) || isExtendedResourceName(name);
}

/** Resources whose request must equal their limit (extended resources and huge pages). */
export function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePageResourceName(name);
}

/** A qualified name that, without a domain prefix, must be one of the standard resource names. */
export function validateResourceName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((m) => fe.invalid(path, name, m));
  if (errs.length) return errs;
  if (!name.includes('/') && !isStandardResourceName(name)) {
    return [fe.invalid(path, name, 'must be a standard resource type or fully qualified')];
  }
  return [];
}

/** Names a container (or pod) may request: cpu, memory, ephemeral-storage, huge pages or extended resources. */
export function validateContainerResourceName(name: string, path: string): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes('/')) {
    if (!isStandardContainerResourceName(name)) errs.push(fe.invalid(path, name, 'must be a standard resource for containers'));
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errs.push(fe.invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

export function validateQuotaResourceName(name: string, path: string): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes('/') && !isStandardQuotaResourceName(name)) {
    errs.push(fe.invalid(path, name, 'must be a standard resource for quota'));
  }
  return errs;
}

/** Quantity must not be negative, and must be whole for countable resources. */
export function validateResourceQuantityValue(name: string, value: string | number, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const n = parseQuantity(value);
  if (n === undefined) return errs;
  if (n < 0) errs.push(fe.invalid(path, canonicalQuantity(value), IS_NEGATIVE_ERROR));
  if (isIntegerResourceName(name) && milliValue(value) % 1000 !== 0) errs.push(invalidQuantity(path, value, IS_NOT_INTEGER_ERROR));
  return errs;
}

/** An Invalid error whose value is a quantity, printed bare as Kubernetes prints a Quantity ("1500m"). */
export function invalidQuantity(path: string, value: string | number, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field: path, message: `Invalid value: ${canonicalQuantity(value)}: ${detail}` };
}

/**
 * SetDefaults_ResourceList: every quantity of a resource list is rounded up to milli-units and
 * written in canonical form ("1000m" → "1", "1.5Gi" → "1536Mi"), as Kubernetes stores it.
 */
export function defaultResourceList(list: Record<string, string | number> | undefined | null): void {
  if (!list) return;
  for (const [k, v] of Object.entries(list)) {
    if (typeof v === 'string' || typeof v === 'number') list[k] = roundUpToMilli(v);
  }
}

export function validatePositiveQuantity(value: string | number, path: string): FieldError[] {
  const n = parseQuantity(value);
  return n !== undefined && n <= 0 ? [fe.invalid(path, canonicalQuantity(value), IS_NOT_POSITIVE_ERROR)] : [];
}
