import path from 'node:path';

export interface Config {
  /** A real PostgreSQL server; when absent the embedded PGlite database in dataDir is used. */
  databaseUrl?: string;
  dataDir: string;
  keyFile: string;
  port: number;
  host: string;
  /** Cookies are Secure and HSTS is sent unless the app is served on localhost over plain HTTP. */
  publicOrigin: string;
  /** Hosts accepted besides the public origin's, e.g. a load balancer's health check by internal name. */
  allowedHosts: string[];
  /** Login attempts one address may make in 15 minutes; raise it when many users share one address. */
  loginAttemptsPerAddress: number;
  demo: boolean;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const dataDir = path.resolve(env.POLKU_DATA_DIR ?? './data');
  const port = Number(env.PORT ?? 3000);
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    keyFile: path.resolve(env.POLKU_KEY_FILE ?? path.join(dataDir, 'polku.keys.json')),
    port,
    host: env.HOST ?? '127.0.0.1',
    publicOrigin: env.POLKU_PUBLIC_ORIGIN ?? `http://localhost:${port}`,
    allowedHosts: (env.POLKU_ALLOWED_HOSTS ?? '').split(',').map((host) => host.trim()).filter(Boolean),
    loginAttemptsPerAddress: Number(env.POLKU_LOGIN_ATTEMPTS_PER_ADDRESS) > 0 ? Number(env.POLKU_LOGIN_ATTEMPTS_PER_ADDRESS) : 30,
    demo: env.POLKU_DEMO === '1',
    logLevel: env.LOG_LEVEL ?? 'info',
    ...overrides,
  };
}
