import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A real Polku server for the browser journeys, started as `npm start` starts it (a demo
 * installation), in its own data folder or, with TEST_DATABASE_URL, its own PostgreSQL database.
 * The demo accounts' first passwords are read from what the server prints once.
 */
export default async function globalSetup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'polku-e2e-'));
  const port = 3100 + Math.floor(Math.random() * 800);
  const env: NodeJS.ProcessEnv = { ...process.env, POLKU_DATA_DIR: path.join(dir, 'data'), PORT: String(port), POLKU_LANG: 'en', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  let dropDatabase = async () => {};
  if (process.env.TEST_DATABASE_URL) {
    const name = `polku_e2e_${Date.now()}`;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(process.env.TEST_DATABASE_URL);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
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
  const accounts = Object.fromEntries([...output.matchAll(/^\s+(\w+)\s+(\S+@polku\.demo)\s+(\S+)$/gm)].map(([, role, username, password]) => [role, { username, password }]));
  if (Object.keys(accounts).length !== 7) throw new Error(`expected the seven demo accounts in the start-up output:\n${output}`);
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
