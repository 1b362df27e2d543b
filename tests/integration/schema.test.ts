import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../server/db/schema.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app?.close();
});

/** Tables that only the migration runner knows. */
const migrationOnly = new Set(['schema_migrations']);
const normalise = (type: string) => type.replace(/\s+/g, ' ').replace(/, /g, ',').toLowerCase();

describe('the Drizzle schema and the migrated database', () => {
  it('have the same tables, columns, types and nullability', async () => {
    const declared = new Map<string, Map<string, { type: string; notNull: boolean }>>();
    for (const value of Object.values(schema)) {
      if (!(value instanceof PgTable)) continue;
      const config = getTableConfig(value);
      declared.set(
        config.name,
        new Map(config.columns.map((column) => [column.name, { type: normalise(column.getSQLType()), notNull: column.notNull }])),
      );
    }
    const rows = await app.sql<{ table_name: string; column_name: string; type: string; not_null: boolean }>(`
      SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY 1, 2`);
    const actual = new Map<string, Map<string, { type: string; notNull: boolean }>>();
    for (const row of rows) {
      if (migrationOnly.has(row.table_name)) continue;
      const columns = actual.get(row.table_name) ?? new Map();
      columns.set(row.column_name, { type: normalise(row.type), notNull: row.not_null });
      actual.set(row.table_name, columns);
    }
    expect([...declared.keys()].sort()).toEqual([...actual.keys()].sort());
    const differences: string[] = [];
    for (const [table, columns] of actual) {
      const expected = declared.get(table)!;
      for (const [name, column] of columns) {
        const mine = expected.get(name);
        if (!mine) differences.push(`${table}.${name}: in the database only`);
        else if (mine.type !== column.type || mine.notNull !== column.notNull) {
          differences.push(
            `${table}.${name}: database ${column.type}${column.notNull ? ' not null' : ''}, Drizzle ${mine.type}${mine.notNull ? ' not null' : ''}`,
          );
        }
      }
      for (const name of expected.keys()) if (!columns.has(name)) differences.push(`${table}.${name}: in Drizzle only`);
    }
    expect(differences).toEqual([]);
  });
});
