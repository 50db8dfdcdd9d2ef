import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { ChainProblem } from './audit.ts';
import { AUDIT_GUARD_BODY } from '../db/migrations/0030_audit_chained_by_one_writer.ts';

/**
 * The triggers of migration 0001 that refuse UPDATE (but the linking of an entry), DELETE and TRUNCATE on audit_log, with the
 * pg_trigger.tgtype each must have (1 row, 2 before, 8 delete, 16 update, 32 truncate).
 */
const GUARDS = [
  { trigger: 'audit_log_no_update_or_delete', tgtype: 1 | 2 | 8 | 16 },
  { trigger: 'audit_log_no_truncate', tgtype: 2 | 32 },
];
// Since migration 0030 the body lets an unlinked entry be linked once (see there).
const GUARD_BODY = AUDIT_GUARD_BODY;

/**
 * A log whose guard was dropped, disabled, given a condition or a harmless function could have
 * been cut or rewritten; verification says so rather than trust the table. Reads the catalog,
 * the same on PGlite and PostgreSQL.
 */
export async function verifyAppendOnlyGuard(db: Database): Promise<ChainProblem[]> {
  const { rows } = await sql<{
    tgname: string;
    tgenabled: string;
    tgtype: number;
    conditional: boolean;
    proname: string;
    lanname: string;
    prosrc: string;
  }>`
    select t.tgname, t.tgenabled::text as tgenabled, t.tgtype::int as tgtype, t.tgqual is not null as conditional,
           p.proname, l.lanname, p.prosrc
    from pg_trigger t
    join pg_proc p on p.oid = t.tgfoid
    join pg_language l on l.oid = p.prolang
    where t.tgrelid = 'audit_log'::regclass and not t.tgisinternal`.execute(db);
  const problems: ChainProblem[] = [];
  for (const guard of GUARDS) {
    const row = rows.find((candidate) => candidate.tgname === guard.trigger);
    if (!row) problems.push({ code: 'guard_missing', seq: 0, trigger: guard.trigger });
    // 'O' fires in ordinary sessions, 'A' always; 'D' is disabled and 'R' fires only on replicas.
    else if (row.tgenabled !== 'O' && row.tgenabled !== 'A') problems.push({ code: 'guard_disabled', seq: 0, trigger: guard.trigger });
    else if (
      row.tgtype !== guard.tgtype ||
      row.conditional ||
      row.proname !== 'audit_log_is_append_only' ||
      row.lanname !== 'plpgsql' ||
      row.prosrc.replace(/\s+/g, ' ').trim() !== GUARD_BODY
    ) {
      problems.push({ code: 'guard_changed', seq: 0, trigger: guard.trigger });
    }
  }
  return problems;
}
