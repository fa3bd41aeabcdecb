import type { DataSource } from 'typeorm';

/** Display names of the given users, by id (exports and reports that list people by name). */
export async function userNames(db: DataSource, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = (await db.query('SELECT id, name FROM users WHERE id = ANY($1)', [[...new Set(ids)]])) as {
    id: string;
    name: string;
  }[];
  return new Map(rows.map((u) => [u.id, u.name]));
}
