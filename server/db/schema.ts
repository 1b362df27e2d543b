import * as platform from '../platform/schema.ts';
import * as org from '../modules/org/schema.ts';
import * as courses from '../modules/courses/schema.ts';
import * as creditbank from '../modules/creditbank/schema.ts';
import * as credentials from '../modules/creditbank/credentials/schema.ts';

export const schema = { ...platform, ...org, ...courses, ...creditbank, ...credentials };
