/**
 * Generates the web client's API types from the server's OpenAPI document (openapi-typescript):
 * web/src/api/schema.d.ts. `npm run generate:api` after changing a route's schemas; a test fails
 * when the committed file is stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp } from '../server/app.ts';
import { readConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/connection.ts';
import { migrate } from '../server/db/migrate.ts';
import { PiiCipher } from '../server/platform/pii.ts';

export const generatedFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/src/api/schema.d.ts');

const header = `/**
 * Generated from the server's OpenAPI document by \`npm run generate:api\` (openapi-typescript).
 * Do not edit: change the route's zod schemas and generate again.
 */

`;

/** The OpenAPI document of an app built on an empty in-memory database. */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const database = await openDatabase({});
  await migrate(database);
  const { fastify } = await buildApp(
    { ...readConfig({} as NodeJS.ProcessEnv), loadDemoData: false },
    database,
    new PiiCipher(Buffer.alloc(32, 7)),
  );
  await fastify.ready();
  const document = fastify.swagger() as unknown as Record<string, unknown>;
  await fastify.close();
  await database.close();
  return document;
}

export async function generateApiTypes(document?: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS((document ?? (await openApiDocument())) as never, { alphabetize: true });
  return header + astToString(ast);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const text = await generateApiTypes();
  fs.mkdirSync(path.dirname(generatedFile), { recursive: true });
  fs.writeFileSync(generatedFile, text);
  console.log(`wrote ${path.relative(process.cwd(), generatedFile)} (${text.length} characters)`);
}
