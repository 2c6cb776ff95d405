import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { rowsOf } from "@/db/rows";

/**
 * A digest of every table's contents, to prove that a refused request wrote nothing.
 * The rate-limit log is left out: a refused request still counts against its sender.
 */
export async function databaseSnapshot(db: Db): Promise<string> {
  const tables = rowsOf<{ table_name: string }>(
    await db.execute(
      sql`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not in ('rate_limits', '__drizzle_migrations') order by table_name`,
    ),
  );
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const [row] = rowsOf<{ digest: string | null }>(
      await db.execute(sql.raw(`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from "${table_name}" t`)),
    );
    parts.push(`${table_name}:${row?.digest}`);
  }
  return parts.join("\n");
}

/** FormData from plain fields, as a browser would post them. */
export function formData(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}
