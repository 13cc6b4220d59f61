/**
 * Server-side printing: objects as a meta.k8s.io Table with the columns kubectl shows against a real
 * cluster (from each kind's TableDef), rows carrying PartialObjectMetadata or the object.
 */
import type { KObject, ResourceDef, TableColumn } from '../api/index.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

const NAME_COLUMN = {
  name: 'Name', type: 'string', format: 'name', priority: 0,
  description: 'Name of the object, unique within its namespace (or the cluster for cluster-scoped kinds).',
};

const DEFAULT_COLUMNS: TableColumn[] = [
  { name: 'Created At', type: 'date', description: 'When the object was created.', priority: 0 },
];

export interface TableOptions {
  version: 'v1' | 'v1beta1';
  includeObject: IncludeObject;
  resourceVersion?: string;
  continueToken?: string;
  remainingItemCount?: number;
  /** Leave columnDefinitions out (watch events after the first). */
  noHeaders?: boolean;
}

function rowObject(obj: KObject, include: IncludeObject, version: string): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: obj.metadata };
}

export function columnsOf(def: ResourceDef): TableColumn[] {
  return def.table?.columns ?? DEFAULT_COLUMNS;
}

export function cellsOf(def: ResourceDef, obj: KObject, now: Date): unknown[] {
  if (def.table) return def.table.cells(obj, now);
  return [obj.metadata.creationTimestamp ?? ''];
}

export function buildTable(def: ResourceDef, objs: KObject[], opts: TableOptions): Record<string, unknown> {
  const now = new Date();
  const metadata: Record<string, unknown> = {};
  if (opts.resourceVersion) metadata.resourceVersion = opts.resourceVersion;
  if (opts.continueToken) metadata.continue = opts.continueToken;
  if (opts.remainingItemCount !== undefined) metadata.remainingItemCount = opts.remainingItemCount;
  const table: Record<string, unknown> = { kind: 'Table', apiVersion: `meta.k8s.io/${opts.version}`, metadata };
  const ownName = columnsOf(def).some((c) => c.format === 'name');
  if (!opts.noHeaders) {
    const cols = columnsOf(def).map((c) => ({ ...c, format: c.format ?? '' }));
    table.columnDefinitions = ownName ? cols : [NAME_COLUMN, ...cols];
  } else {
    table.columnDefinitions = null;
  }
  table.rows = objs.map((obj) => {
    const name = def.table?.nameCell ? def.table.nameCell(obj) : obj.metadata.name ?? '';
    const row: Record<string, unknown> = { cells: ownName ? cellsOf(def, obj, now) : [name, ...cellsOf(def, obj, now)] };
    const o = rowObject(obj, opts.includeObject, opts.version);
    if (o !== undefined) row.object = o;
    return row;
  });
  return table;
}
