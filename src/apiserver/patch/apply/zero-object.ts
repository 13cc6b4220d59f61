/**
 * The "empty" object a create is compared against. Kubernetes compares a new object with the zero
 * value of its Go type, in which required fields and embedded (non-pointer) structs are present
 * (`spec`, `template`, `strategy` …) while optional pointers and omitted fields are absent. What
 * differs is only whether a parent shows up as a member of its own (`".": {}`) in the creator's
 * field set; this approximation reproduces Kubernetes' sets for the common kinds.
 */
import type { ObjectSchema } from '../../../api/index.js';

/** Field names that are embedded structs in Kubernetes' Go types wherever they appear. */
const EMBEDDED = new Set(['metadata', 'spec', 'status', 'template', 'strategy', 'updateStrategy', 'jobTemplate']);

export function zeroObject(schema: ObjectSchema, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (depth > 6) return out;
  for (const [name, f] of Object.entries(schema.fields)) {
    if (name === 'apiVersion' || name === 'kind') continue;
    const embedded = f.schema.type === 'object' && !f.schema.atomic && (EMBEDDED.has(name) || f.required);
    if (embedded && f.schema.type === 'object') out[name] = zeroObject(f.schema, depth + 1);
    else if (f.required) out[name] = null;
  }
  return out;
}
