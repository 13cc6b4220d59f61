/**
 * Validation of the file-producing parts of volumes and env: KeyToPath items, downward API files
 * and field selectors, resource field selectors, and projected volume sources.
 */
import * as fe from '../../../meta/field-errors.js';
import type { FieldError } from '../../../meta/field-errors.js';
import { isDNS1123Subdomain, isQualifiedName } from '../../../meta/names.js';
import { canonicalQuantity } from '../../../meta/quantity-canonical.js';
import { validateLabelSelector } from '../../../meta/validate-meta.js';
import type { LabelSelector } from '../../../meta/label-selector.js';
import { entry, fileMode, isObj, list, localNonReservedPath, type Obj } from './validate-helpers.js';

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function validateKeyToPath(kp: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!str(kp.key)) errs.push(fe.required(fe.child(path, 'key'), ''));
  if (!str(kp.path)) errs.push(fe.required(fe.child(path, 'path'), ''));
  errs.push(...localNonReservedPath(str(kp.path), fe.child(path, 'path')));
  errs.push(...fileMode(kp.mode, fe.child(path, 'mode')));
  return errs;
}

export const VOLUME_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];
export const ENV_FIELD_PATHS = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
];
const CONVERTIBLE_PATHS = [
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
  'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP',
  'status.hostIPs', 'status.podIP', 'status.podIPs',
];
const RESOURCE_PATHS = [
  'limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory',
];
const HUGEPAGES_PREFIXES = ['limits.hugepages-', 'requests.hugepages-'];

/** validateObjectFieldSelector (only apiVersion v1 paths exist for pods). */
export function validateObjectFieldSelector(fs: Obj, allowed: readonly string[], path: string): FieldError[] {
  if (!str(fs.apiVersion)) return [fe.required(fe.child(path, 'apiVersion'), '')];
  const fieldPath = str(fs.fieldPath);
  if (!fieldPath) return [fe.required(fe.child(path, 'fieldPath'), '')];
  if (fs.apiVersion !== 'v1') {
    return [fe.invalid(fe.child(path, 'fieldPath'), fieldPath, `error converting fieldPath: unsupported pod version: ${String(fs.apiVersion)}`)];
  }
  const sub = /^(.+?)\['(.*)'\]$/.exec(fieldPath);
  const convertErr = (m: string): FieldError[] => [fe.invalid(fe.child(path, 'fieldPath'), fieldPath, `error converting fieldPath: ${m}`)];
  if (sub) {
    const [, base, key] = sub;
    if (base === 'metadata.annotations') return isQualifiedName(key.toLowerCase()).map((m) => fe.invalid(path, key.toLowerCase(), m));
    if (base === 'metadata.labels') return isQualifiedName(key).map((m) => fe.invalid(path, key, m));
    return convertErr(`field label does not support subscript: ${fieldPath}`);
  }
  const converted = fieldPath === 'spec.host' ? 'spec.nodeName' : fieldPath;
  if (!CONVERTIBLE_PATHS.includes(converted)) return convertErr(`field label not supported: ${fieldPath}`);
  if (!allowed.includes(converted)) return [fe.notSupported(fe.child(path, 'fieldPath'), converted, allowed)];
  return [];
}

const CPU_DIVISORS = ['1m', '1'];
const BYTE_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];
const BYTE_LIST = '1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei';

function validateDivisor(resource: string, divisor: unknown, path: string): FieldError[] {
  if (divisor === undefined || divisor === null) return [];
  const d = canonicalQuantity(divisor as string | number);
  if (d === '0') return [];
  const p = fe.child(path, 'divisor');
  if (resource === 'limits.cpu' || resource === 'requests.cpu') {
    if (!CPU_DIVISORS.includes(d)) return [fe.invalid(p, resource, "only divisor's values 1m and 1 are supported with the cpu resource")];
  } else if (resource === 'limits.memory' || resource === 'requests.memory') {
    if (!BYTE_DIVISORS.includes(d)) return [fe.invalid(p, resource, `only divisor's values ${BYTE_LIST} are supported with the memory resource`)];
  } else if (resource === 'limits.ephemeral-storage' || resource === 'requests.ephemeral-storage') {
    if (!BYTE_DIVISORS.includes(d)) {
      return [fe.invalid(p, resource, `only divisor's values ${BYTE_LIST} are supported with the local ephemeral storage resource`)];
    }
  }
  if (HUGEPAGES_PREFIXES.some((x) => resource.startsWith(x)) && !BYTE_DIVISORS.includes(d)) {
    return [fe.invalid(p, resource, `only divisor's values ${BYTE_LIST} are supported with the hugepages resource`)];
  }
  return [];
}

/** validateContainerResourceFieldSelector; `volume` requires the container name. */
export function validateResourceFieldSelector(fs: Obj, path: string, volume: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const resource = str(fs.resource);
  if (volume && !str(fs.containerName)) errs.push(fe.required(fe.child(path, 'containerName'), ''));
  else if (!resource) errs.push(fe.required(fe.child(path, 'resource'), ''));
  else if (!RESOURCE_PATHS.includes(resource) && !HUGEPAGES_PREFIXES.some((x) => resource.startsWith(x))) {
    errs.push(fe.notSupported(fe.child(path, 'resource'), resource, RESOURCE_PATHS));
  }
  errs.push(...validateDivisor(resource, fs.divisor, path));
  return errs;
}

/** validateDownwardAPIVolumeFile: note that Kubernetes reports items at the volume's path. */
export function validateDownwardAPIFile(file: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!str(file.path)) errs.push(fe.required(fe.child(path, 'path'), ''));
  errs.push(...localNonReservedPath(str(file.path), fe.child(path, 'path')));
  if (isObj(file.fieldRef)) {
    errs.push(...validateObjectFieldSelector(file.fieldRef, VOLUME_FIELD_PATHS, fe.child(path, 'fieldRef')));
    if (isObj(file.resourceFieldRef)) errs.push(fe.invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (isObj(file.resourceFieldRef)) {
    errs.push(...validateResourceFieldSelector(file.resourceFieldRef, fe.child(path, 'resourceFieldRef'), true));
  } else {
    errs.push(fe.required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  errs.push(...fileMode(file.mode, fe.child(path, 'mode')));
  return errs;
}

/** validateProjectedVolumeSource: one kind per source, unique paths, token lifetimes. */
export function validateProjected(src: Obj, path: string): FieldError[] {
  const errs = fileMode(src.defaultMode, fe.child(path, 'defaultMode'));
  const paths = new Set<string>();
  const claim = (p: string, value: unknown): void => {
    if (paths.has(p)) errs.push(fe.invalid(path, value, 'conflicting duplicate paths'));
    paths.add(p);
  };
  list(src.sources as Obj[]).forEach((raw, i) => {
    const s = entry(raw);
    const sp = fe.index(fe.child(path, 'sources'), i);
    let n = 0;
    for (const kind of ['secret', 'configMap'] as const) {
      const ref = s[kind];
      if (!isObj(ref)) continue;
      n++;
      const pp = fe.child(sp, kind);
      if (!str(ref.name)) errs.push(fe.required(fe.child(pp, 'name'), ''));
      list(ref.items as Obj[]).forEach((kp, j) => {
        errs.push(...validateKeyToPath(entry(kp), fe.index(fe.child(pp, 'items'), j)));
        if (str(entry(kp).path)) claim(str(entry(kp).path), str(ref.name));
      });
    }
    if (isObj(s.downwardAPI)) {
      n++;
      for (const f of list(s.downwardAPI.items as Obj[])) {
        errs.push(...validateDownwardAPIFile(entry(f), fe.child(sp, 'downwardAPI')));
        if (str(entry(f).path)) claim(str(entry(f).path), str(entry(f).path));
      }
    }
    const token = s.serviceAccountToken;
    if (isObj(token)) {
      n++;
      const tp = fe.child(sp, 'serviceAccountToken');
      const exp = typeof token.expirationSeconds === 'number' ? token.expirationSeconds : 0;
      if (exp < 600) errs.push(fe.invalid(fe.child(tp, 'expirationSeconds'), exp, 'may not specify a duration less than 10 minutes'));
      if (exp > 2 ** 32) errs.push(fe.invalid(fe.child(tp, 'expirationSeconds'), exp, 'may not specify a duration larger than 2^32 seconds'));
      if (!str(token.path)) errs.push(fe.required(fe.child(path, 'path'), ''));
      else errs.push(...localNonReservedPath(str(token.path), fe.child(path, 'path')));
    }
    const bundle = s.clusterTrustBundle;
    if (isObj(bundle)) {
      n++;
      errs.push(...validateTrustBundle(bundle, fe.child(sp, 'clusterTrustBundle')));
      claim(str(bundle.path), str(bundle.path));
    }
    if (isObj(s.podCertificate)) n++;
    if (n > 1) errs.push(fe.forbidden(sp, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

function validateTrustBundle(b: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const byName = typeof b.name === 'string';
  const bySigner = typeof b.signerName === 'string';
  if (byName && bySigner) errs.push(fe.invalid(path, b, 'only one of name and signerName may be used'));
  else if (byName) {
    if (!b.name) errs.push(fe.required(fe.child(path, 'name'), 'must be a valid object name'));
    for (const m of isDNS1123Subdomain(str(b.name))) errs.push(fe.invalid(fe.child(path, 'name'), b.name, `not a valid clustertrustbundlename: ${m}`));
    if (isObj(b.labelSelector)) errs.push(fe.invalid(fe.child(path, 'labelSelector'), b.labelSelector, 'labelSelector must be unset if name is specified'));
  } else if (bySigner) {
    if (!b.signerName) errs.push(fe.required(fe.child(path, 'signerName'), 'must be a valid signer name'));
    errs.push(...validateLabelSelector(b.labelSelector as LabelSelector | undefined, fe.child(path, 'labelSelector')));
  } else {
    errs.push(fe.required(path, 'either name or signerName must be specified'));
  }
  if (!str(b.path)) errs.push(fe.required(fe.child(path, 'path'), ''));
  errs.push(...localNonReservedPath(str(b.path), fe.child(path, 'path')));
  return errs;
}
