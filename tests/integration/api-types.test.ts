import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedFile, generateApiTypes } from '../../scripts/generate-api-types.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe('the web client’s API types', () => {
  it('are generated from the OpenAPI document, and the committed file is not stale (run `npm run generate:api`)', async () => {
    const fresh = await generateApiTypes(app.fastify.swagger() as unknown as Record<string, unknown>);
    expect(fs.readFileSync(generatedFile, 'utf8')).toBe(fresh);
  });
});
