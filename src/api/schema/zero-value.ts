/**
 * The JSON a Go struct of this schema encodes to when nothing is set: its required (non-omitempty)
 * scalar fields at their zero values. Kubernetes' status structs are never omitted, so a new
 * Deployment reads `status: {}` and a new ReplicaSet `status: {replicas: 0}`.
 */
import type { ObjectSchema, Schema } from './schema.js';

function zeroScalar(s: Schema): unknown {
  switch (s.type) {
    case 'integer': case 'number': return 0;
    case 'string': return '';
    case 'boolean': return false;
    default: return undefined;
  }
}

export function zeroObject(schema: ObjectSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(schema.fields)) {
    if (!f.required) continue;
    const v = zeroScalar(f.schema);
    if (v !== undefined) out[name] = v;
  }
  return out;
}
