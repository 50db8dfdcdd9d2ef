#!/usr/bin/env node
// Runs every test: the type check, the linter and the formatter's check, then unit and API tests
// (Vitest) and browser journeys (Playwright in Chromium), first on the embedded PGlite database and
// then on PostgreSQL: the server named by TEST_DATABASE_URL or, without it, a throwaway cluster of the
// PostgreSQL installed here. What a clean Debian machine lacks (Chromium, PostgreSQL) is installed
// when running as root.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const isRoot = process.getuid?.() === 0;
const isDebian = fs.existsSync('/etc/debian_version');

/** Runs a step; a failure is remembered but never stops the steps after it. */
let exitCode = 0;
let current = null;
let interrupted = false;
function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    current = spawn(command, args, { stdio: 'inherit', env });
    current.on('error', (error) => console.error(`${command}: ${error.message}`));
    current.on('close', (code, signal) => {
      current = null;
      if (code !== 0) exitCode = code || 1;
      // A step ended by Ctrl-C may report back before our own handler has heard of it.
      if (signal === 'SIGINT' || signal === 'SIGTERM' || code === 130) interrupted = true;
      setImmediate(() => resolve(code));
    });
  });
}

/** Runs a setup command quietly; its output is shown only when it fails. */
function quietly(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options, env: { ...process.env, ...options.env } });
  if (result.status !== 0) {
    process.stderr.write(
      `${[command, ...args].join(' ')} failed:\n${result.stdout ?? ''}${result.stderr ?? result.error?.message ?? ''}\n`,
    );
    return false;
  }
  return true;
}

function aptInstall(packages) {
  console.log(`Installing ${packages.join(' and ')} with apt-get…`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  return quietly('apt-get', ['update', '-qq'], { env }) && quietly('apt-get', ['install', '-y', '-qq', ...packages], { env });
}

// Ctrl-C reaches the running step too; once it has stopped, nothing more runs and the cluster goes.
// A second Ctrl-C stops at once.
const cleanups = [];
function cleanUp() {
  while (cleanups.length) cleanups.pop()();
}
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    current?.kill(signal);
  });
}

// 1. The type check: the server, tests and benches; the web app; the browser journeys.
console.log('=== Type check ===');
for (const project of ['.', 'web', 'test/e2e']) await run('npx', ['tsc', '--noEmit', '-p', project]);

// 1b. The linter (typescript-eslint's rules and the rule of imports: eslint.config.js), then the formatter's check.
if (!interrupted) {
  console.log('\n=== Lint ===');
  await run('npm', ['run', '--silent', 'lint']);
}
if (!interrupted) {
  console.log('\n=== Format check ===');
  await run('npm', ['run', '--silent', 'format:check']);
}

// 2. Chromium for the journeys, and PostgreSQL unless a server is named: installed if we may.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const postgresBin = () =>
  fs.existsSync('/usr/lib/postgresql')
    ? fs
        .readdirSync('/usr/lib/postgresql')
        .filter((version) => fs.existsSync(`/usr/lib/postgresql/${version}/bin/initdb`))
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => `/usr/lib/postgresql/${version}/bin`)[0]
    : undefined;
const missing = [];
if (!fs.existsSync(chromiumPath)) missing.push('chromium');
if (!process.env.TEST_DATABASE_URL && !postgresBin()) missing.push('postgresql');
if (missing.length && isRoot && isDebian) aptInstall(missing);
if (!fs.existsSync(chromiumPath)) {
  console.error(
    process.env.CHROMIUM_PATH
      ? `CHROMIUM_PATH names ${chromiumPath}, which does not exist.`
      : `The browser journeys need Chromium at /usr/bin/chromium. Install it and run npm test again:\n\n  ${isDebian ? 'sudo apt-get install chromium' : 'install Chromium, then: CHROMIUM_PATH=/path/to/chromium npm test'}\n`,
  );
  process.exit(1);
}

// 3. PostgreSQL: the server named by TEST_DATABASE_URL, or a throwaway cluster of our own.
const databases = [{ name: 'PGlite (embedded)', url: undefined }];
if (process.env.TEST_DATABASE_URL) databases.push({ name: 'PostgreSQL', url: process.env.TEST_DATABASE_URL });
else if (!interrupted) {
  const bin = postgresBin();
  const url = bin ? await startCluster(bin) : undefined;
  if (url) databases.push({ name: 'PostgreSQL (throwaway cluster)', url });
  else if (!interrupted) {
    console.log(
      bin
        ? 'The throwaway PostgreSQL cluster did not start: the suite runs on the embedded database only.'
        : `TEST_DATABASE_URL is not set and PostgreSQL is not installed (${isDebian ? 'sudo apt-get install postgresql' : 'no /usr/lib/postgresql/*/bin'}): ` +
            'the suite runs on the embedded database only.',
    );
  }
}

/**
 * initdb into a new temporary folder and start the server there without fsync, on a free port,
 * listening only on a unix socket in that folder. PostgreSQL refuses to run as root, so as root the
 * cluster belongs to the postgres user. Stopped and removed when the tests end.
 */
async function startCluster(bin) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'polku-test-pg-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  if (isRoot) {
    const postgres = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    if (postgres.status !== 0) return undefined;
    fs.chownSync(dir, Number(postgres.stdout.trim()), 0);
  }
  const command = (program, args) =>
    isRoot ? ['runuser', ['-u', 'postgres', '--', `${bin}/${program}`, ...args]] : [`${bin}/${program}`, args];
  const pg = (program, args) => quietly(...command(program, args));
  const data = path.join(dir, 'data');
  if (!pg('initdb', ['-D', data, '--auth=trust', '-U', 'postgres', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'])) return undefined;
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  cleanups.push(() => spawnSync(...command('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']), { stdio: 'ignore' }));
  if (!pg('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', 'start'])) return undefined;
  console.log(`A throwaway PostgreSQL cluster (${bin}) listens on port ${port} in ${dir}.`);
  return `postgres://postgres@localhost:${port}/postgres?host=${encodeURIComponent(dir)}`;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net
      .createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address();
        server.close(() => resolve(port));
      });
  });
}

// 4. The web app, then the tests on each database.
const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'polku-test-reports-'));
cleanups.push(() => fs.rmSync(reports, { recursive: true, force: true }));
let passed = 0;
let failed = 0;
if (!interrupted) await run('npx', ['vite', 'build', '--logLevel', 'warn']);
for (const [index, database] of databases.entries()) {
  if (interrupted) break;
  const env = { ...process.env };
  delete env.DATABASE_URL;
  if (database.url) env.TEST_DATABASE_URL = database.url;
  else delete env.TEST_DATABASE_URL;
  console.log(`\n=== ${database.name}: unit and API tests ===`);
  const vitestReport = path.join(reports, `vitest-${index}.json`);
  await run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`], env);
  if (fs.existsSync(vitestReport)) {
    const report = JSON.parse(fs.readFileSync(vitestReport, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  }
  if (interrupted) break;
  console.log(`\n=== ${database.name}: browser journeys ===`);
  const playwrightReport = path.join(reports, `playwright-${index}.json`);
  await run('npx', ['playwright', 'test', '--reporter=list,json'], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport });
  if (fs.existsSync(playwrightReport)) {
    const { stats } = JSON.parse(fs.readFileSync(playwrightReport, 'utf8'));
    passed += stats.expected + stats.flaky;
    failed += stats.unexpected;
  }
}
if (interrupted) exitCode = 130;
if (passed === 0 || failed > 0) exitCode ||= 1;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(exitCode);
