import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { appendAudit, chainAudit, verifyAuditChain } from './audit.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

/** Tampering needs the owner to switch the guard off, as an attacker with database rights could. */
async function tamper(statement: string) {
  await sql.raw('alter table audit_log disable trigger user').execute(ctx.db);
  for (const part of statement.split(';')) await sql.raw(part).execute(ctx.db);
  await sql.raw('alter table audit_log enable trigger user').execute(ctx.db);
}

beforeEach(async () => {
  await tamper('delete from audit_log');
  for (let i = 1; i <= 5; i++) {
    await appendAudit(ctx.db, ctx.keyring.auditKey, {
      action: 'clients.read',
      outcome: 'succeeded',
      fieldGroups: ['identity'],
      details: { n: i, nested: { b: 1, a: 2 } },
    });
  }
});

describe('the audit log', () => {
  it('an untouched chain verifies', async () => {
    expect(await verifyAuditChain(ctx.db, ctx.keyring.auditKey)).toEqual({ entries: 5, problems: [] });
  });

  it('stays one unbroken chain when many entries are appended at once', async () => {
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        appendAudit(ctx.db, ctx.keyring.auditKey, { action: 'clients.read', outcome: 'succeeded', details: { parallel: i } }),
      ),
    );
    expect(await verifyAuditChain(ctx.db, ctx.keyring.auditKey)).toEqual({ entries: 30, problems: [] });
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(sql`update audit_log set action = 'x' where seq = 1`.execute(ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where seq = 1`.execute(ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(ctx.db)).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(ctx.db, ctx.keyring.auditKey)).entries).toBe(5);
  });

  it('detects an altered entry and says which', async () => {
    await tamper(`update audit_log set reason = 'nothing to see' where seq = 3`);
    expect((await verifyAuditChain(ctx.db, ctx.keyring.auditKey)).problems).toEqual([{ code: 'altered', seq: 3 }]);
  });

  it('detects a removed entry', async () => {
    await tamper('delete from audit_log where seq = 2');
    const { problems } = await verifyAuditChain(ctx.db, ctx.keyring.auditKey);
    expect(problems).toEqual([
      { code: 'missing', seq: 2, to: 2 },
      { code: 'out_of_order', seq: 3 },
    ]);
  });

  it('detects reordered entries', async () => {
    await tamper(
      'update audit_log set seq = -2 where seq = 2; update audit_log set seq = 2 where seq = 4; update audit_log set seq = 4 where seq = -2',
    );
    const { problems } = await verifyAuditChain(ctx.db, ctx.keyring.auditKey);
    expect(problems).toContainEqual({ code: 'altered', seq: 2 });
  });

  it('cannot be re-forged without the key held outside the database', async () => {
    expect((await verifyAuditChain(ctx.db, Buffer.alloc(32, 7))).problems).toContainEqual({ code: 'altered', seq: 1 });
  });
});

describe('entries written with the work, linked by one writer', () => {
  it('an entry waits for no other: a transaction still open does not hold up another one’s entry', async () => {
    // Two connections at once need a server; the embedded database has one connection.
    if (ctx.kind !== 'postgres') return;
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstWrote!: () => void;
    const firstHasWritten = new Promise<void>((resolve) => (firstWrote = resolve));
    const first = ctx.db.transaction().execute(async (trx) => {
      await appendAudit(trx, ctx.keyring.auditKey, { action: 'clients.read', outcome: 'succeeded', details: { first: true } });
      firstWrote();
      await firstHolds;
    });
    await firstHasWritten;
    // Under the old global lock this second transaction waited for the first to commit.
    await ctx.db.transaction().execute((trx) => appendAudit(trx, ctx.keyring.auditKey, { action: 'clients.read', outcome: 'succeeded' }));
    expect(await chainAudit(ctx.db, ctx.keyring.auditKey)).toBe(1);
    releaseFirst();
    await first;
    expect(await verifyAuditChain(ctx.db, ctx.keyring.auditKey)).toEqual({ entries: 7, problems: [] });
  });

  it('an entry rolled back with its work leaves no trace and no gap', async () => {
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await appendAudit(trx, ctx.keyring.auditKey, { action: 'clients.read', outcome: 'succeeded' });
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    await appendAudit(ctx.db, ctx.keyring.auditKey, { action: 'clients.read', outcome: 'succeeded' });
    expect(await verifyAuditChain(ctx.db, ctx.keyring.auditKey)).toEqual({ entries: 6, problems: [] });
  });

  it('lets an entry be linked once and never changed: not before linking, not after', async () => {
    await ctx.db.transaction().execute((trx) => appendAudit(trx, ctx.keyring.auditKey, { action: 'clients.read', outcome: 'succeeded' }));
    await expect(sql`update audit_log set action = 'x' where hash is null`.execute(ctx.db)).rejects.toThrow(/append-only/);
    await expect(
      sql`update audit_log set seq = 99, prev_hash = 'a', hash = 'b', reason = 'x' where hash is null`.execute(ctx.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where hash is null`.execute(ctx.db)).rejects.toThrow(/append-only/);
    expect(await chainAudit(ctx.db, ctx.keyring.auditKey)).toBe(1);
    await expect(sql`update audit_log set seq = 99 where seq = 6`.execute(ctx.db)).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(ctx.db, ctx.keyring.auditKey)).toEqual({ entries: 6, problems: [] });
  });

  it('two writers linking at once make one chain', async () => {
    for (let i = 0; i < 40; i++) {
      await ctx.db.transaction().execute((trx) => appendAudit(trx, ctx.keyring.auditKey, { action: 'clients.read', outcome: 'succeeded' }));
    }
    const linked = await Promise.all([chainAudit(ctx.db, ctx.keyring.auditKey), chainAudit(ctx.db, ctx.keyring.auditKey)]);
    expect(linked[0] + linked[1]).toBe(40);
    expect(await verifyAuditChain(ctx.db, ctx.keyring.auditKey)).toEqual({ entries: 45, problems: [] });
  });
});
