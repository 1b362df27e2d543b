/**
 * Every Drizzle table: the platform's and each module's (from its manifest). Used where the whole
 * schema is needed at once (the schema-vs-database check); queries import the tables they use.
 */
import { modules } from '../modules/index.ts';
import * as platform from '../platform/schema.ts';

export const schema = Object.assign({}, platform, ...modules.map((manifest) => manifest.tables));
