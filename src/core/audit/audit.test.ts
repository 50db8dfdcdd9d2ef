import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { appendAudit, verifyAuditChain } from './audit.ts';
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
