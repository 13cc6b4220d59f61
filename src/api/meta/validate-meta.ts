/** Validation of ObjectMeta, labels, annotations and label selectors, shared by every kind. */
import * as fe from './field-errors.js';
import type { FieldError } from './field-errors.js';
import type { LabelSelector } from './label-selector.js';
import { isDNS1123Label, isDNS1123Subdomain, isLabelValue, isQualifiedName } from './names.js';
import type { ObjectMeta } from './object-meta.js';

export type NameValidator = (name: string) => string[];

const TOTAL_ANNOTATION_SIZE = 256 * 1024;
const encoder = new TextEncoder();

export function utf8Length(s: string): number {
  return encoder.encode(s).length;
}

export function validateLabels(labels: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const m of isQualifiedName(k)) errs.push(fe.invalid(path, k, m));
    if (typeof v !== 'string') continue;
    for (const m of isLabelValue(v)) errs.push(fe.invalid(path, v, m));
  }
  return errs;
}

export function validateAnnotations(annotations: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(fe.invalid(path, k, m));
    size += k.length + (typeof v === 'string' ? utf8Length(v) : 0);
  }
  if (size > TOTAL_ANNOTATION_SIZE) {
    errs.push({ type: 'FieldValueTooLong', field: path, message: `Too long: must have at most ${TOTAL_ANNOTATION_SIZE} bytes` });
  }
  return errs;
}

export interface MetaOptions {
  namespaced: boolean;
  /** Validates metadata.name (and the generateName prefix). Default: DNS-1123 subdomain. */
  nameValidator?: NameValidator;
}

export function validateObjectMeta(meta: ObjectMeta | undefined, opts: MetaOptions, path = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  const m = meta ?? {};
  const nameFn = opts.nameValidator ?? isDNS1123Subdomain;
  if (!m.name) {
    if (!m.generateName) errs.push(fe.required(fe.child(path, 'name'), 'name or generateName is required'));
  } else {
    for (const msg of nameFn(m.name)) errs.push(fe.invalid(fe.child(path, 'name'), m.name, msg));
  }
  if (m.generateName && !m.name) {
    const prefix = m.generateName.endsWith('-') ? m.generateName.slice(0, -1) : m.generateName;
    for (const msg of nameFn(prefix)) errs.push(fe.invalid(fe.child(path, 'generateName'), m.generateName, msg));
  }
  if (opts.namespaced) {
    if (!m.namespace) errs.push(fe.required(fe.child(path, 'namespace'), ''));
    else for (const msg of isDNS1123Label(m.namespace)) errs.push(fe.invalid(fe.child(path, 'namespace'), m.namespace, msg));
  } else if (m.namespace) {
    errs.push(fe.forbidden(fe.child(path, 'namespace'), 'not allowed on this type'));
  }
  if (m.generation !== undefined && m.generation < 0) {
    errs.push(fe.invalid(fe.child(path, 'generation'), m.generation, 'must be greater than or equal to 0'));
  }
  errs.push(...validateLabels(m.labels, fe.child(path, 'labels')));
  errs.push(...validateAnnotations(m.annotations, fe.child(path, 'annotations')));
  const owners = m.ownerReferences ?? [];
  let controllers = 0;
  owners.forEach((o, i) => {
    const p = fe.index(fe.child(path, 'ownerReferences'), i);
    if (!o.apiVersion) errs.push(fe.invalid(fe.child(p, 'apiVersion'), o.apiVersion ?? '', 'version must not be empty'));
    if (!o.kind) errs.push(fe.invalid(fe.child(p, 'kind'), o.kind ?? '', 'kind must not be empty'));
    if (!o.name) errs.push(fe.invalid(fe.child(p, 'name'), o.name ?? '', 'name must not be empty'));
    if (!o.uid) errs.push(fe.invalid(fe.child(p, 'uid'), o.uid ?? '', 'uid must not be empty'));
    if (o.controller) controllers++;
  });
  if (controllers > 1) {
    errs.push(fe.invalid(fe.child(path, 'ownerReferences'), owners, 'Only one reference can have Controller set to true'));
  }
  for (const [i, f] of (m.finalizers ?? []).entries()) {
    for (const msg of isQualifiedName(f)) errs.push(fe.invalid(fe.index(fe.child(path, 'finalizers'), i), f, msg));
  }
  return errs;
}

/** On update: name, namespace, uid and creationTimestamp cannot change. */
export function validateObjectMetaUpdate(meta: ObjectMeta, old: ObjectMeta, path = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  const immutable: Array<keyof ObjectMeta> = ['name', 'namespace', 'uid', 'creationTimestamp'];
  for (const k of immutable) {
    if ((meta[k] ?? '') !== (old[k] ?? '')) {
      errs.push(fe.invalid(fe.child(path, k), meta[k] ?? '', 'field is immutable'));
    }
  }
  return errs;
}

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

export function validateLabelSelector(sel: LabelSelector | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!sel) return errs;
  errs.push(...validateLabels(sel.matchLabels, fe.child(path, 'matchLabels')));
  (sel.matchExpressions ?? []).forEach((r, i) => {
    const p = fe.index(fe.child(path, 'matchExpressions'), i);
    const vals = r.values ?? [];
    switch (r.operator) {
      case 'In': case 'NotIn':
        if (vals.length === 0) errs.push(fe.required(fe.child(p, 'values'), 'must be specified when `operator` is \'In\' or \'NotIn\''));
        break;
      case 'Exists': case 'DoesNotExist':
        if (vals.length > 0) errs.push(fe.forbidden(fe.child(p, 'values'), 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\''));
        break;
      default:
        errs.push(fe.invalid(fe.child(p, 'operator'), r.operator, 'not a valid selector operator'));
    }
    for (const msg of isQualifiedName(r.key ?? '')) errs.push(fe.invalid(fe.child(p, 'key'), r.key, msg));
  });
  return errs;
}

export { OPERATORS as SELECTOR_OPERATORS };
