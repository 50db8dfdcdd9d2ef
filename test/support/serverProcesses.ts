import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface ServerProcess {
  base: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * `polku start` as its own process on a free port, the way a supervisor runs it; resolves once it
 * says it is listening (or rejects with what it printed when it ends first).
 */
export function startServerProcess(env: Record<string, string>, port: number): Promise<ServerProcess> {
  const child = spawn(process.execPath, [path.resolve('bin/polku.js'), 'start'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', POLKU_LANG: 'en', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  return new Promise((resolve, reject) => {
    const onOutput = (chunk: Buffer) => {
      printed += chunk.toString();
      if (printed.includes('Polku is serving at')) {
        resolve({
          base: `http://127.0.0.1:${port}/api/v1`,
          child,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    child.once('exit', (code) => reject(new Error(`polku start ended (${code}): ${printed}`)));
  });
}
