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
  /**
   * Signed checkpoints of the audit chain's head, kept apart from the database, its backups and the
   * data key file: an append-only file, and in production syslog (udp:// or tcp://) and an HTTP(S)
   * collector. The Ed25519 signing key is its own file (or POLKU_AUDIT_SIGNING_KEY).
   */
  audit: { checkpointFile: string; signingKeyFile: string; syslog?: string; checkpointUrl?: string; checkpointIntervalSeconds: number };
  /**
   * The daily e-mail digest (counts only, never client data) through an SMTP server:
   * POLKU_SMTP_URL (smtp://user:password@host:587, STARTTLS when offered; smtps://host:465 for TLS),
   * POLKU_MAIL_FROM, and the hour in Helsinki from which it is sent (POLKU_DIGEST_HOUR, default 7).
   * Without POLKU_SMTP_URL no e-mail is sent.
   */
  mail?: { smtpUrl: string; from: string; digestHour: number };
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
    allowedHosts: (env.POLKU_ALLOWED_HOSTS ?? '')
      .split(',')
      .map((host) => host.trim())
      .filter(Boolean),
    loginAttemptsPerAddress: Number(env.POLKU_LOGIN_ATTEMPTS_PER_ADDRESS) > 0 ? Number(env.POLKU_LOGIN_ATTEMPTS_PER_ADDRESS) : 30,
    demo: env.POLKU_DEMO === '1',
    logLevel: env.LOG_LEVEL ?? 'info',
    audit: {
      // Beside the data folder, not in it: whoever copies or rewrites the database folder does not get these with it.
      checkpointFile: path.resolve(env.POLKU_AUDIT_CHECKPOINT_FILE ?? `${dataDir}-audit/checkpoints.ndjson`),
      signingKeyFile: path.resolve(env.POLKU_AUDIT_SIGNING_KEY_FILE ?? `${dataDir}-audit/signing-key.pem`),
      syslog: env.POLKU_AUDIT_SYSLOG || undefined,
      checkpointUrl: env.POLKU_AUDIT_CHECKPOINT_URL || undefined,
      checkpointIntervalSeconds: Number(env.POLKU_AUDIT_CHECKPOINT_INTERVAL) > 0 ? Number(env.POLKU_AUDIT_CHECKPOINT_INTERVAL) : 60,
    },
    ...(env.POLKU_SMTP_URL
      ? {
          mail: {
            smtpUrl: env.POLKU_SMTP_URL,
            from: env.POLKU_MAIL_FROM ?? 'Polku <polku@localhost>',
            digestHour: Number(env.POLKU_DIGEST_HOUR) >= 0 && Number(env.POLKU_DIGEST_HOUR) <= 23 ? Number(env.POLKU_DIGEST_HOUR) : 7,
          },
        }
      : {}),
    ...overrides,
  };
}
