/** ValidateEnv and ValidateEnvFrom: variable names and exactly one value source each. */
import * as fe from '../../../meta/field-errors.js';
import type { FieldError } from '../../../meta/field-errors.js';
import { isConfigMapKey, isDNS1123Subdomain, isEnvVarName } from '../../../meta/names.js';
import { ENV_FIELD_PATHS, validateObjectFieldSelector, validateResourceFieldSelector } from './validate-volume-files.js';
import { entry, isObj, list, type Obj } from './validate-helpers.js';

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function keySelector(s: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(s.name);
  for (const m of isDNS1123Subdomain(name)) errs.push(fe.invalid(fe.child(path, 'name'), name, m));
  const key = str(s.key);
  if (!key) errs.push(fe.required(fe.child(path, 'key'), ''));
  else for (const m of isConfigMapKey(key)) errs.push(fe.invalid(fe.child(path, 'key'), key, m));
  return errs;
}

function valueFrom(ev: Obj, path: string): FieldError[] {
  const from = ev.valueFrom;
  if (!isObj(from)) return [];
  const errs: FieldError[] = [];
  let n = 0;
  if (isObj(from.fieldRef)) {
    n++;
    errs.push(...validateObjectFieldSelector(from.fieldRef, ENV_FIELD_PATHS, fe.child(path, 'fieldRef')));
  }
  if (isObj(from.resourceFieldRef)) {
    n++;
    errs.push(...validateResourceFieldSelector(from.resourceFieldRef, fe.child(path, 'resourceFieldRef'), false));
  }
  if (isObj(from.configMapKeyRef)) {
    n++;
    errs.push(...keySelector(from.configMapKeyRef, fe.child(path, 'configMapKeyRef')));
  }
  if (isObj(from.secretKeyRef)) {
    n++;
    errs.push(...keySelector(from.secretKeyRef, fe.child(path, 'secretKeyRef')));
  }
  if (isObj(from.fileKeyRef)) n++;
  if (n === 0) {
    errs.push(fe.invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  } else if (str(ev.value)) {
    errs.push(fe.invalid(path, '', 'may not be specified when `value` is not empty'));
  } else if (n > 1) {
    errs.push(fe.invalid(path, '', 'may not have more than one field specified at a time'));
  }
  return errs;
}

export function validateEnv(vars: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  list(vars as Obj[]).forEach((raw, i) => {
    const ev = entry(raw);
    const p = fe.index(path, i);
    const name = str(ev.name);
    if (!name) errs.push(fe.required(fe.child(p, 'name'), ''));
    else for (const m of isEnvVarName(name)) errs.push(fe.invalid(fe.child(p, 'name'), name, m));
    errs.push(...valueFrom(ev, fe.child(p, 'valueFrom')));
  });
  return errs;
}

export function validateEnvFrom(vars: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  list(vars as Obj[]).forEach((raw, i) => {
    const ev = entry(raw);
    const p = fe.index(path, i);
    const prefix = str(ev.prefix);
    if (prefix) for (const m of isEnvVarName(prefix)) errs.push(fe.invalid(fe.child(p, 'prefix'), prefix, m));
    let n = 0;
    for (const kind of ['configMapRef', 'secretRef'] as const) {
      const ref = ev[kind];
      if (!isObj(ref)) continue;
      n++;
      const name = str(ref.name);
      if (!name) errs.push(fe.required(fe.child(fe.child(p, kind), 'name'), ''));
      else {
        const prefixName = name.endsWith('-') ? name.slice(0, -1) : name;
        for (const m of isDNS1123Subdomain(prefixName)) errs.push(fe.invalid(fe.child(fe.child(p, kind), 'name'), name, m));
      }
    }
    if (n === 0) errs.push(fe.invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(fe.invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}
