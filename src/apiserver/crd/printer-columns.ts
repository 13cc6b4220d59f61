/**
 * The table of a custom resource: its version's additionalPrinterColumns, or Age alone when it
 * declares none. Cells are the column's JSONPath evaluated on the object, typed as the
 * apiextensions server types them (dates as ages, integers truncated, absent values null so that
 * kubectl prints <none>).
 */
import { humanDuration, type KObject, type TableColumn, type TableDef } from '../../api/index.js';
import { evaluateJsonPath, parseJsonPath } from './jsonpath.js';

export interface PrinterColumn {
  name?: string;
  type?: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath?: string;
}

const DEFAULT_COLUMNS: PrinterColumn[] = [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }];

const TYPES = new Set<TableColumn['type']>(['string', 'integer', 'number', 'boolean', 'date']);

function cell(type: TableColumn['type'], value: unknown, now: Date): unknown {
  switch (type) {
    case 'string':
      if (typeof value === 'string') return value;
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date': {
      if (typeof value !== 'string') return null;
      const t = Date.parse(value);
      return Number.isNaN(t) ? '<invalid>' : humanDuration(now.getTime() - t);
    }
  }
}

/** The TableDef of one CRD version's printer columns. */
export function printerTable(columns: readonly PrinterColumn[] | undefined): TableDef {
  const cols = columns && columns.length ? columns : DEFAULT_COLUMNS;
  const parsed = cols.map((c) => {
    let steps: ReturnType<typeof parseJsonPath> | undefined;
    try { steps = parseJsonPath(c.jsonPath ?? ''); } catch { steps = undefined; }
    const type = TYPES.has(c.type as TableColumn['type']) ? c.type as TableColumn['type'] : 'string';
    const column: TableColumn = {
      name: c.name ?? '', type, description: c.description ?? `Custom resource definition column (in JSONPath format): ${c.jsonPath ?? ''}`,
      priority: (c.priority ?? 0) > 0 ? 1 : 0,
    };
    if (c.format) column.format = c.format;
    return { column, steps };
  });
  return {
    columns: parsed.map((p) => p.column),
    cells: (obj: KObject, now: Date) => parsed.map(({ column, steps }) => {
      if (!steps) return null;
      const found = evaluateJsonPath(steps, obj);
      if (found.length === 0 || found[0] === undefined || found[0] === null) return null;
      return cell(column.type, found[0], now);
    }),
  };
}
