/**
 * kubectl's tables read back cell by cell: the header's column offsets cut each row, so a check
 * covers the column names, their order, the alignment kubectl's tab writer gives and every cell.
 */
import assert from 'node:assert/strict';
import { AGE } from './kit.js';

export type Cell = string | RegExp;

export interface Table { header: string[]; rows: string[][] }

/** Parses one table (or the first of several separated by blank lines). */
export function parseTable(out: string): Table {
  return parseTables(out)[0] ?? { header: [], rows: [] };
}

/** Parses every table in the output (`kubectl get a,b` prints one per kind, blank-line separated). */
export function parseTables(out: string): Table[] {
  const blocks = out.split(/\n\s*\n/).map((b) => b.split('\n').filter((l) => l.length > 0)).filter((b) => b.length > 0);
  return blocks.map((block) => {
    const [head, ...body] = block;
    const starts: number[] = [];
    const header: string[] = [];
    const re = /\S+(?: \S+)*/g;
    for (let m = re.exec(head); m; m = re.exec(head)) {
      starts.push(m.index);
      header.push(m[0]);
    }
    const rows = body.map((line) => starts.map((s, i) => {
      if (s > 0) assert.ok(line.length <= s || line[s - 1] === ' ', `row not aligned with column ${header[i]}:\n${head}\n${line}`);
      return line.slice(s, i + 1 < starts.length ? starts[i + 1] : undefined).trim();
    }));
    return { header, rows };
  });
}

/** The AGE cell of an object made during the run. */
export const age = new RegExp(`^${AGE}$`);

function cellMatches(cell: string, want: Cell): boolean {
  return typeof want === 'string' ? cell === want : new RegExp(`^(?:${want.source})$`).test(cell);
}

/** Asserts the table's header exactly and that its rows are exactly `rows` (in order). */
export function assertTable(out: string, header: string[], rows: Cell[][]): void {
  const t = parseTable(out);
  assert.deepEqual(t.header, header, `header of:\n${out}`);
  assert.equal(t.rows.length, rows.length, `row count of:\n${out}`);
  rows.forEach((want, i) => {
    const got = t.rows[i];
    want.forEach((w, j) => assert.ok(cellMatches(got[j], w), `row ${i} column ${header[j]}: got "${got[j]}", want ${String(w)}\n${out}`));
  });
}

/** Asserts the header and that a row whose first cell is `rows[i][0]` exists with those cells. */
export function assertRows(out: string, header: string[], rows: Cell[][]): void {
  const t = parseTable(out);
  assert.deepEqual(t.header, header, `header of:\n${out}`);
  for (const want of rows) {
    const got = t.rows.find((r) => cellMatches(r[0], want[0]));
    assert.ok(got, `no row ${String(want[0])} in:\n${out}`);
    want.forEach((w, j) => assert.ok(cellMatches(got[j], w), `row ${String(want[0])} column ${header[j]}: got "${got[j]}", want ${String(w)}\n${out}`));
  }
}
