/**
 * Moving from client-side to server-side apply, for the manager kubectl uses ("kubectl"): conflicts
 * on fields whose live value still equals the last-applied-configuration annotation are allowed
 * (kubectl applied them before), and the annotation is kept up to date by later applies.
 */
import type { KObject } from '../../../api/index.js';
import { compare } from './compare.js';
import type { FieldSet } from './field-set.js';
import { toFieldSet } from './to-field-set.js';
import type { TypeNode } from './type-node.js';
import { goJson, isObject } from './values.js';
import { validateValue } from './validate.js';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** The manager name kubectl uses for server-side apply. */
export const KUBECTL_APPLY_MANAGER = 'kubectl';

function annotationOf(obj: KObject | undefined): string | undefined {
  const v = obj?.metadata?.annotations?.[LAST_APPLIED_ANNOTATION];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export function hasLastApplied(obj: KObject | undefined): boolean {
  return annotationOf(obj) !== undefined;
}

/**
 * Fields of the last applied configuration whose live values are unchanged; undefined when there is
 * no usable annotation.
 */
export function allowedFromLastApplied(live: Record<string, unknown>, apiVersion: string, node: TypeNode): FieldSet | undefined {
  const text = annotationOf(live as KObject);
  if (!text) return undefined;
  let last: unknown;
  try {
    last = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(last) || last.apiVersion !== apiVersion) return undefined;
  if (validateValue(last, node).length > 0) return undefined;
  const set = toFieldSet(last, node);
  const cmp = compare(last, live, node);
  return set.difference(cmp.modified).difference(cmp.added).difference(cmp.removed);
}

/** The annotation's value for an applied configuration: its JSON without the annotation itself. */
export function buildLastApplied(config: Record<string, unknown>): string {
  const copy = structuredClone(config);
  const meta = copy.metadata;
  if (isObject(meta) && isObject(meta.annotations)) delete meta.annotations[LAST_APPLIED_ANNOTATION];
  return `${goJson(copy)}\n`;
}

export function setLastApplied(obj: KObject, value: string): void {
  obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [LAST_APPLIED_ANNOTATION]: value };
}
