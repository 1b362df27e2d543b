#!/usr/bin/env node
// Runs the whole suite (unit, integration on PGlite and on a throw-away PostgreSQL, browser tests in
// Chromium) and ends with the line "N passed, N failed" that CI reads.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);

const run = (command, args, options = {}) => spawnSync(command, args, { stdio: 'inherit', ...options });

// System packages the tests need: PostgreSQL server, Chromium, CJK fonts, LibreOffice (document checks).
const ensure = run('bash', ['scripts/ensure-test-deps.sh']);
if (ensure.status !== 0) {
  console.error('Could not install the test dependencies (see above).');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const build = run('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
if (build.status !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// Lint and format are part of the suite: each that fails counts as a failed test (the tests still run).
let checksFailed = 0;
for (const [name, args] of [
  ['ESLint', ['eslint', '.']],
  ['Prettier', ['prettier', '--check', '.', '--log-level', 'warn']],
]) {
  const check = run('npx', args);
  if (check.status !== 0) {
    console.error(`${name} found problems (see above).`);
    checksFailed += 1;
  }
}

const reportFile = path.join(root, '.tmp', 'vitest-report.json');
fs.mkdirSync(path.dirname(reportFile), { recursive: true });
fs.rmSync(reportFile, { force: true });
const extra = process.argv.slice(2);
// Vitest's output is passed through and kept, so that unhandled errors (which fail the run without
// failing a test) can be printed again just above the summary line, where CI's tail shows them.
const vitest = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...extra], {
  stdio: ['inherit', 'pipe', 'pipe'],
  maxBuffer: 256 * 1024 * 1024,
});
process.stdout.write(vitest.stdout ?? '');
process.stderr.write(vitest.stderr ?? '');
const output = `${vitest.stdout ?? ''}\n${vitest.stderr ?? ''}`.replace(/\x1b\[[0-9;]*m/g, '');
const unhandledAt = output.indexOf('Unhandled Error');
if (unhandledAt >= 0) {
  console.log('\n--- unhandled errors reported by Vitest (repeated here) ---');
  console.log(output.slice(unhandledAt, unhandledAt + 6000));
}

let passed = 0;
let failed = checksFailed;
if (fs.existsSync(reportFile)) {
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A file that failed to load has no tests to count; count it as a failure.
  for (const file of report.testResults ?? []) if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) failed += 1;
} else {
  failed += 1;
}
if (vitest.status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
