/** The "Created At" column that Kubernetes' default table shows for kinds without their own printer. */
import type { KObject } from '../../meta/object-meta.js';
import type { TableDef } from '../../resource.js';

/** creationTimestamp in UTC, RFC 3339 with whole seconds; Go's zero time when unset. */
export function createdAt(obj: KObject): string {
  const t = obj.metadata.creationTimestamp ? Date.parse(obj.metadata.creationTimestamp) : NaN;
  if (Number.isNaN(t)) return '0001-01-01T00:00:00Z';
  return new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export const createdAtTable: TableDef = {
  columns: [{ name: 'Created At', type: 'date', description: 'When the object was created.', priority: 0 }],
  cells: (obj) => [createdAt(obj)],
};
