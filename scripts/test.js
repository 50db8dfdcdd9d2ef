#!/usr/bin/env node
// Runs every test: unit and API tests (Vitest) and browser journeys (Playwright in Chromium), first on
// the embedded PGlite database and then, when TEST_DATABASE_URL names a PostgreSQL server, on that.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'polku-test-reports-'));
const databases = [{ name: 'PGlite (embedded)', url: undefined }];
if (process.env.TEST_DATABASE_URL) databases.push({ name: 'PostgreSQL', url: process.env.TEST_DATABASE_URL });
else console.log('TEST_DATABASE_URL is not set: the suite runs on the embedded database only.');

/** Runs a step; a failure is remembered but never stops the steps after it. */
let exitCode = 0;
function run(command, args, env) {
  const status = spawnSync(command, args, { stdio: 'inherit', env }).status ?? 1;
  if (status !== 0) exitCode = status;
}

let passed = 0;
let failed = 0;
run('npx', ['vite', 'build', '--logLevel', 'warn'], process.env);
for (const [index, database] of databases.entries()) {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  if (database.url) env.TEST_DATABASE_URL = database.url;
  else delete env.TEST_DATABASE_URL;
  console.log(`\n=== ${database.name}: unit and API tests ===`);
  const vitestReport = path.join(reports, `vitest-${index}.json`);
  run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`], env);
  if (fs.existsSync(vitestReport)) {
    const report = JSON.parse(fs.readFileSync(vitestReport, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  }
  console.log(`\n=== ${database.name}: browser journeys ===`);
  const playwrightReport = path.join(reports, `playwright-${index}.json`);
  run('npx', ['playwright', 'test', '--reporter=list,json'], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport });
  if (fs.existsSync(playwrightReport)) {
    const { stats } = JSON.parse(fs.readFileSync(playwrightReport, 'utf8'));
    passed += stats.expected + stats.flaky;
    failed += stats.unexpected;
  }
}
fs.rmSync(reports, { recursive: true, force: true });
if (passed === 0 || failed > 0) exitCode ||= 1;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(exitCode);
