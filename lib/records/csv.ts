import "server-only";
import { stringify } from "csv-stringify/sync";

export type Cell = string | number | boolean | Date | null | undefined;

const OPTIONS = {
  // CRLF is what RFC 4180 asks for.
  record_delimiter: "windows",
  // Every cell quoted, empty ones too: a spreadsheet whose locale separates cells with `;`
  // would otherwise split `Pat;=1+1` into a second cell that starts a formula.
  quoted: true,
  quoted_empty: true,
  // A leading quote turns a cell starting with = + - @ tab or CR into plain text.
  // @see https://owasp.org/www-community/attacks/CSV_Injection
  escape_formulas: true,
} as const;

function cell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** The header, then one chunk per page of rows; the byte-order mark makes Excel read UTF-8 names correctly. */
export async function* csvChunks(columns: string[], pages: AsyncIterable<Cell[][]>): AsyncIterable<{ text: string; records: number }> {
  yield { text: stringify([columns], { ...OPTIONS, bom: true }), records: 0 };
  for await (const rows of pages) {
    if (rows.length > 0)
      yield {
        text: stringify(
          rows.map((row) => row.map(cell)),
          OPTIONS,
        ),
        records: rows.length,
      };
  }
}

/** A JSON array written one page at a time, each element on its own line. */
export async function* jsonArrayChunks(pages: AsyncIterable<unknown[]>): AsyncIterable<{ text: string; records: number }> {
  let first = true;
  yield { text: "[", records: 0 };
  for await (const items of pages) {
    if (items.length === 0) continue;
    yield { text: (first ? "\n" : ",\n") + items.map((item) => JSON.stringify(item)).join(",\n"), records: items.length };
    first = false;
  }
  yield { text: first ? "]\n" : "\n]\n", records: 0 };
}

/**
 * Reads a table in pages by a keyset (never OFFSET, never all rows at once): `read` gets the cursor
 * of the previous page's last row (null at first) and returns at most `size` rows after it.
 */
export async function* keysetPages<T, C>(read: (cursor: C | null, size: number) => Promise<T[]>, cursorOf: (row: T) => C, size = 500): AsyncIterable<T[]> {
  let cursor: C | null = null;
  for (;;) {
    const rows: T[] = await read(cursor, size);
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    cursor = cursorOf(rows[rows.length - 1]!);
  }
}

/** The cursor most tables page by: creation time, then id. */
export type TimeCursor = { at: Date; id: string };
export const timeCursor = (row: { createdAt: Date; id: string }): TimeCursor => ({ at: row.createdAt, id: row.id });

/** Maps each page of a paged read. */
export async function* mapPages<T, U>(pages: AsyncIterable<T[]>, map: (row: T) => U): AsyncIterable<U[]> {
  for await (const rows of pages) yield rows.map(map);
}
