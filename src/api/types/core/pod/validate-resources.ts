/**
 * ValidateContainerResourceRequirements: resource names and quantities, requests no greater than
 * limits (equal for huge pages and extended resources), and claims that name pod resource claims.
 */
import * as fe from '../../../meta/field-errors.js';
import type { FieldError } from '../../../meta/field-errors.js';
import { compareQuantities, parseQuantity } from '../../../meta/quantity.js';
import { canonicalQuantity } from '../../../meta/quantity-canonical.js';
import {
  isHugePageResourceName, isOvercommitAllowed, validateContainerResourceName, validateResourceQuantityValue,
} from '../../../meta/resource-names.js';
import { dnsLabel, entry, isObj, list, type Obj } from './validate-helpers.js';

type Quantities = Record<string, string | number>;

function hugePageSize(name: string): number | undefined {
  return parseQuantity(name.slice('hugepages-'.length));
}

function hugePageError(name: string, q: string | number): string | undefined {
  if (!isHugePageResourceName(name)) return undefined;
  const size = hugePageSize(name);
  const value = parseQuantity(q);
  if (size === undefined || value === undefined || size <= 0) return undefined;
  if (value > 0 && Number.isInteger(value / size)) return undefined;
  return `${canonicalQuantity(q)} is not positive integer multiple of ${name}`;
}

function quantities(v: unknown): Quantities {
  return isObj(v) ? v as Quantities : {};
}

function validateClaims(claims: unknown, podClaims: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list(claims as Obj[]).forEach((raw, i) => {
    const c = entry(raw);
    const p = fe.index(path, i);
    const name = typeof c.name === 'string' ? c.name : '';
    if (!name) {
      errs.push(fe.required(p, ''));
      return;
    }
    if (names.has(name)) errs.push(fe.duplicate(p, name));
    else {
      let key = name;
      const request = typeof c.request === 'string' ? c.request : '';
      if (request) {
        errs.push(...dnsLabel(request, fe.child(p, 'request')));
        key += `/${request}`;
      }
      if (names.has(key)) errs.push(fe.duplicate(p, key));
      else if (!request) {
        for (const k of names) if (k.includes('/') && k.slice(0, k.indexOf('/')) === name) errs.push(fe.duplicate(p, name));
      }
      names.add(key);
    }
    if (!podClaims.has(name)) {
      const known = [...podClaims].sort();
      const detail = known.length === 0 ? ' which is empty' : `: ${known.join(', ')}`;
      errs.push({ type: 'FieldValueNotFound', field: p, message: `Not found: ${JSON.stringify(name)}: must be one of the names in pod.spec.resourceClaims${detail}` });
    }
  });
  return errs;
}

export function validateResourceRequirements(res: unknown, podClaims: Set<string>, path: string): FieldError[] {
  const r = entry(res as Obj | undefined);
  const errs: FieldError[] = [];
  const limPath = fe.child(path, 'limits');
  const reqPath = fe.child(path, 'requests');
  const limits = quantities(r.limits);
  const requests = quantities(r.requests);
  let cpuOrMemory = false;
  let hugePages = false;
  for (const [name, q] of Object.entries(limits)) {
    const p = `${limPath}[${name}]`;
    errs.push(...validateContainerResourceName(name, p), ...validateResourceQuantityValue(name, q, p));
    const huge = hugePageError(name, q);
    if (isHugePageResourceName(name)) hugePages = true;
    if (huge) errs.push(fe.invalid(p, canonicalQuantity(q), huge));
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  for (const [name, q] of Object.entries(requests)) {
    const p = `${reqPath}[${name}]`;
    errs.push(...validateContainerResourceName(name, p), ...validateResourceQuantityValue(name, q, p));
    const limit = limits[name];
    if (limit !== undefined && limit !== null) {
      const cmp = compareQuantities(q, limit);
      if (cmp !== 0 && !isOvercommitAllowed(name)) {
        errs.push(fe.invalid(reqPath, canonicalQuantity(q), `must be equal to ${name} limit of ${canonicalQuantity(limit)}`));
      } else if (cmp > 0) {
        errs.push(fe.invalid(reqPath, canonicalQuantity(q), `must be less than or equal to ${name} limit of ${canonicalQuantity(limit)}`));
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(fe.required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    const huge = hugePageError(name, q);
    if (isHugePageResourceName(name)) hugePages = true;
    if (huge) errs.push(fe.invalid(p, canonicalQuantity(q), huge));
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  if (!cpuOrMemory && hugePages) errs.push(fe.forbidden(path, 'HugePages require cpu or memory'));
  errs.push(...validateClaims(r.claims, podClaims, fe.child(path, 'claims')));
  return errs;
}
