import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScratchDatabase } from '../../support/scratchDatabase.ts';

/**
 * A real Polku server for the browser journeys, started as `npm start` starts it (a demo
 * installation), in its own data folder or, with TEST_DATABASE_URL, its own PostgreSQL database.
 * The demo accounts' first passwords are read from what the server prints once.
 */
export default async function globalSetup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'polku-e2e-'));
  const port = 3100 + Math.floor(Math.random() * 800);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    POLKU_DATA_DIR: path.join(dir, 'data'),
    PORT: String(port),
    POLKU_LANG: 'en',
    LOG_LEVEL: 'warn',
    POLKU_LOGIN_ATTEMPTS_PER_ADDRESS: '500',
  };
  delete env.DATABASE_URL;
  let dropDatabase = async () => {};
  if (process.env.TEST_DATABASE_URL) {
    const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL, 'polku_e2e');
    env.DATABASE_URL = scratch.url;
    dropDatabase = scratch.drop;
  }
  const server = spawn('node', ['bin/polku.js', 'start', '--demo'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const output = await new Promise<string>((resolve, reject) => {
    let text = '';
    server.stdout!.on('data', (chunk) => {
      text += String(chunk);
      if (text.includes('Polku is serving')) resolve(text);
    });
    server.once('exit', (code) => reject(new Error(`server exited with ${code}: ${text}`)));
  });
  server.stdout!.resume();
  // One account per role; a role's second account (the second researcher, the municipal social worker) is `researcher2`, `partner2`.
  const accounts: Record<string, { username: string; password: string }> = {};
  for (const [, role, username, password] of output.matchAll(/^\s+(\w+)\s+(\S+@polku\.demo)\s+(\S+)$/gm))
    accounts[accounts[role] ? `${role}2` : role] = { username, password };
  if (Object.keys(accounts).length !== 9) throw new Error(`expected the nine demo accounts in the start-up output:\n${output}`);
  process.env.POLKU_E2E_URL = `http://localhost:${port}`;
  process.env.POLKU_E2E_DIR = dir;
  process.env.POLKU_E2E_ACCOUNTS = JSON.stringify(accounts);
  return async () => {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await dropDatabase();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
