import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import dgram from 'node:dgram';
import net from 'node:net';
import http from 'node:http';
import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { appendAudit } from './audit.ts';
import { AuditAnchor } from './auditAnchor.ts';
import { checkpointSignatureIsValid, loadSigningKey, readCheckpoints, type Checkpoint, type SigningKey } from './checkpoints.ts';
import { fileSink, httpSink, syslogSink } from './checkpointSinks.ts';
import { verifyAuditLog } from './verifyAuditLog.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';

let ctx: TestContext;
let dir: string;
let key: SigningKey;
let checkpointFile: string;
beforeAll(async () => {
  ctx = await createTestContext();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'polku-anchor-'));
  key = loadSigningKey(path.join(dir, 'signing-key.pem'), {});
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** What an attacker with database rights does: the guard off, the statements, the guard back on. */
async function tamper(statement: string) {
  await sql.raw('alter table audit_log disable trigger user').execute(ctx.db);
  for (const part of statement.split(';')) await sql.raw(part).execute(ctx.db);
  await sql.raw('alter table audit_log enable trigger user').execute(ctx.db);
}

async function append(count: number) {
  for (let i = 0; i < count; i++)
    await appendAudit(ctx.db, ctx.keyring.auditKey, { action: 'clients.read', outcome: 'succeeded', details: { n: i } });
}

const verify = () =>
  verifyAuditLog(ctx.db, ctx.keyring.auditKey, { publicKey: key.publicKey, checkpoints: fs.readFileSync(checkpointFile, 'utf8') });

beforeEach(async () => {
  await tamper('delete from audit_log');
  checkpointFile = path.join(dir, `checkpoints-${Math.random().toString(36).slice(2)}.ndjson`);
  const anchor = new AuditAnchor(ctx.db, key, [fileSink(checkpointFile)]);
  await append(5);
  await anchor.checkpoint();
  await append(5);
  await anchor.checkpoint();
});

describe('the audit log anchored by signed checkpoints', () => {
  it('an untouched log verifies against its checkpoints', async () => {
    const report = await verify();
    expect(report).toMatchObject({ entries: 10, checkpoints: 2, problems: [] });
    expect(report.latest).toMatchObject({ seq: 10 });
  });

  it('names the cut when the last entries are deleted with the guard dropped', async () => {
    await sql.raw('drop trigger audit_log_no_update_or_delete on audit_log').execute(ctx.db);
    await sql`delete from audit_log where seq > 7`.execute(ctx.db);
    await sql
      .raw(
        `create trigger audit_log_no_update_or_delete before update or delete on audit_log
      for each row execute function audit_log_is_append_only()`,
      )
      .execute(ctx.db);
    const { problems } = await verify();
    expect(problems).toEqual([{ code: 'cut', seq: 8, to: 10, at: expect.any(String) }]);
  });

  it('names the rewrite when an entry is altered and the whole chain recomputed with the audit key', async () => {
    const rows = await ctx.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    let previous = '0'.repeat(64);
    const statements: string[] = [];
    for (const row of rows) {
      const reason = row.seq === 7 ? 'nothing to see' : row.reason;
      // The chain's own formula (audit.ts), as an attacker holding the key file would compute it.
      const content = JSON.stringify([
        row.seq,
        new Date(row.at).toISOString(),
        row.actor_id,
        row.actor_role,
        row.action,
        row.outcome,
        row.client_id,
        row.field_groups,
        reason,
        row.ip,
        row.details,
        previous,
      ]);
      const hash = createHmac('sha256', ctx.keyring.auditKey).update(content).digest('hex');
      statements.push(
        `update audit_log set reason = ${reason === null ? 'null' : `'${reason}'`}, prev_hash = '${previous}', hash = '${hash}' where seq = ${row.seq}`,
      );
      previous = hash;
    }
    await tamper(statements.join(';'));
    const { problems } = await verify();
    expect(problems).toEqual([{ code: 'rewritten', seq: 10, from: 6, at: expect.any(String) }]);
  });

  it('fails when the append-only guard is dropped, disabled or made harmless', async () => {
    await sql.raw('alter table audit_log disable trigger audit_log_no_truncate').execute(ctx.db);
    expect((await verify()).problems).toEqual([{ code: 'guard_disabled', seq: 0, trigger: 'audit_log_no_truncate' }]);
    await sql.raw('alter table audit_log enable trigger audit_log_no_truncate').execute(ctx.db);

    await sql.raw('drop trigger audit_log_no_update_or_delete on audit_log').execute(ctx.db);
    expect((await verify()).problems).toEqual([{ code: 'guard_missing', seq: 0, trigger: 'audit_log_no_update_or_delete' }]);
    await sql
      .raw(
        `create trigger audit_log_no_update_or_delete before update or delete on audit_log
      for each row when (false) execute function audit_log_is_append_only()`,
      )
      .execute(ctx.db);
    expect((await verify()).problems).toEqual([{ code: 'guard_changed', seq: 0, trigger: 'audit_log_no_update_or_delete' }]);
    await sql.raw('drop trigger audit_log_no_update_or_delete on audit_log').execute(ctx.db);
    await sql
      .raw(
        `create trigger audit_log_no_update_or_delete before update or delete on audit_log
      for each row execute function audit_log_is_append_only()`,
      )
      .execute(ctx.db);
    expect((await verify()).problems).toEqual([]);
  });

  it('reports a forged checkpoint line, one signed by another key and one that cannot be read', async () => {
    const [real] = readCheckpoints(fs.readFileSync(checkpointFile, 'utf8')).map((line) => line.checkpoint!);
    const forged: Checkpoint = { ...real, seq: 4 };
    const stranger = loadSigningKey(path.join(dir, 'stranger.pem'), {});
    const foreign: Checkpoint = { ...real, key: stranger.id };
    fs.appendFileSync(checkpointFile, `${JSON.stringify(forged)}\n${JSON.stringify(foreign)}\nnot a checkpoint\n`);
    expect((await verify()).problems).toEqual([
      { code: 'checkpoint_forged', seq: 4, line: 3 },
      { code: 'checkpoint_other_key', seq: 5, line: 4, key: stranger.id },
      { code: 'checkpoint_unreadable', seq: 0, line: 5 },
    ]);
  });

  it('a server writes a checkpoint only when the head has moved', async () => {
    const file = path.join(dir, 'moved.ndjson');
    const anchor = new AuditAnchor(ctx.db, key, [fileSink(file)]);
    expect((await anchor.checkpoint()).checkpoint).toMatchObject({ seq: 10 });
    expect((await anchor.checkpoint()).checkpoint).toBeNull();
    await append(1);
    expect((await anchor.stop()).checkpoint).toMatchObject({ seq: 11 });
    expect(readCheckpoints(fs.readFileSync(file, 'utf8')).map((line) => line.checkpoint!.seq)).toEqual([10, 11]);
  });

  it('sends checkpoints to syslog over UDP and TCP and to an HTTP collector, each verifiable with the public key', async () => {
    const udp = dgram.createSocket('udp4');
    const udpReceived = new Promise<string>((resolve) => udp.once('message', (message) => resolve(String(message))));
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    let tcpReceived = '';
    let tcpDone!: () => void;
    const tcpEnded = new Promise<void>((resolve) => {
      tcpDone = resolve;
    });
    const tcp = net.createServer((socket) =>
      socket
        .on('data', (chunk) => {
          tcpReceived += chunk;
        })
        .on('end', tcpDone),
    );
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    const posted: { type?: string; body: string }[] = [];
    const server = http.createServer((request, response) => {
      let body = '';
      request
        .on('data', (chunk) => {
          body += chunk;
        })
        .on('end', () => {
          posted.push({ type: request.headers['content-type'], body });
          response.writeHead(204).end();
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const anchor = new AuditAnchor(ctx.db, key, [
        syslogSink(`udp://127.0.0.1:${udp.address().port}`),
        syslogSink(`tcp://127.0.0.1:${(tcp.address() as net.AddressInfo).port}`),
        httpSink(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}/checkpoints`),
      ]);
      const { checkpoint, failures } = await anchor.checkpoint(true);
      expect(failures).toEqual([]);

      const datagram = await udpReceived;
      expect(datagram).toMatch(/^<109>1 \S+ \S+ polku \d+ audit-checkpoint - \{/);
      await tcpEnded;
      const [length, ...rest] = tcpReceived.split(' ');
      expect(Number(length)).toBe(Buffer.byteLength(rest.join(' ')));
      expect(posted).toHaveLength(1);
      expect(posted[0].type).toBe('application/json');

      for (const text of [datagram, rest.join(' '), posted[0].body]) {
        const [{ checkpoint: received }] = readCheckpoints(text);
        expect(received).toEqual(checkpoint);
        expect(checkpointSignatureIsValid(received!, key.publicKey)).toBe(true);
      }
    } finally {
      udp.close();
      tcp.close();
      server.close();
    }
  });

  it('reports a collector that refuses, and tries again at the next tick', async () => {
    const server = http.createServer((_, response) => response.writeHead(503).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const failed: string[] = [];
      const anchor = new AuditAnchor(
        ctx.db,
        key,
        [httpSink(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}/`)],
        ({ error }) => failed.push(String(error)),
      );
      expect((await anchor.checkpoint()).failures).toHaveLength(1);
      expect((await anchor.checkpoint()).checkpoint).not.toBeNull();
      expect(failed).toEqual(['Error: HTTP 503', 'Error: HTTP 503']);
    } finally {
      server.close();
    }
  });
});
