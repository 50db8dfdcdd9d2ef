import { randomUUID } from 'node:crypto';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { sql, type RawBuilder } from 'kysely';
import { appendAudit, type AuditEntry } from '../../core/audit/audit.ts';
import { AppError } from '../../core/errors.ts';
import { copyRows, type Database } from '../../core/db/database.ts';
import type { AppContext } from '../../server/context.ts';
import { letOthersIn } from './letOthersIn.ts';
import { lineMappings, stagingTableOf, type LineMapping } from './registerLines.ts';
import { lineFields } from './exchangeSchema.ts';
import { lineBatchChecker, type CheckedBatch, type Found } from './lineBatches.ts';
import { problemsAcrossStagedLines } from './stagedLineChecks.ts';
import type { ExchangeProblem } from './validateExchangeFile.ts';

export interface ImportSummary {
  lines: number;
  created: Record<string, number>;
  unchanged: number;
}

/** How many records an import created, of every type together. */
export const createdCount = (summary: ImportSummary): number => Object.values(summary.created).reduce((sum, n) => sum + n, 0);

/** How far an import is: first every line is checked, then the lines are written. */
export interface ImportProgress {
  phase: 'checking' | 'writing';
  done: number;
  total: number;
}

/** The file was refused: nothing was written. The problems name their lines. */
export class ImportRejected extends AppError {
  constructor(readonly problems: ExchangeProblem[]) {
    super(400, 'import_rejected', { count: problems.length });
  }
}

/** Lines read, checked and copied to the staging tables as one batch, between two turns of the others. */
const CHUNK = 5000;

type Who = Pick<AuditEntry, 'actorId' | 'actorRole' | 'ip'>;

/**
 * Imports an exchange file into the register, all or nothing. The file is read line by line (a
 * string, or a stream of a file or an upload) and every line checked on its own as it comes; the
 * right ones are copied to their type's staging table a chunk at a time; nothing of the file stays in
 * memory. Then SQL checks the staged lines together, and against what the register already holds
 * (a line equal to a stored one is left as it is; a line that contradicts one is refused). Each of
 * these is a statement of its own, so others keep working meanwhile, even on the embedded database.
 * Only then are the lines moved into the register, in one transaction, by SQL. A refused file is
 * recorded in the audit log with how many problems it had; its staging is emptied.
 */
export async function importRegister(
  ctx: AppContext,
  who: Who,
  source: string | Readable,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportSummary> {
  const importId = randomUUID();
  try {
    const total = typeof source === 'string' ? lineCount(source) : 0;
    // A string's lines are counted as they always were (an empty last line too); a stream's as read.
    const { lines, byType, problems, within } = await stageLines(ctx.db, importId, source, (done, all) =>
      onProgress?.({ phase: 'checking', done: all ? Math.max(total, done) : done, total: Math.max(total, done) }),
    );
    if (problems.length > 0) throw new ImportRejected(problems);
    const across = await problemsAcrossStagedLines(ctx.db, importId, within);
    if (across.length > 0) throw new ImportRejected(across);
    const types = await columnTypes(ctx.db);
    const conflicts = await conflictsWithRegister(ctx.db, importId, types);
    if (conflicts.length > 0) throw new ImportRejected(conflicts);
    const summary = await moveLines(ctx, who, importId, types, lines, byType, (done) =>
      onProgress?.({ phase: 'writing', done, total: lines }),
    );
    onProgress?.({ phase: 'writing', done: lines, total: lines });
    return summary;
  } catch (error) {
    if (error instanceof ImportRejected) {
      await appendAudit(ctx.db, ctx.keyring.auditKey, {
        ...who,
        action: 'exchange.import',
        outcome: 'failed',
        details: { problems: error.problems.length },
      });
    }
    throw error;
  } finally {
    for (const { type } of lineMappings)
      await sql`delete from ${sql.table(stagingTableOf(type))} where import_id = ${importId}`.execute(ctx.db);
  }
}

const lineCount = (text: string) => {
  let count = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
};

/**
 * Copies the staged rows of a batch, each type into its own table. On a PostgreSQL server the types
 * are copied side by side, each on a connection of its own; the embedded database takes them in turn.
 */
async function copyStaged(db: Database, rows: CheckedBatch['rows']) {
  await Promise.all(
    rows.map(([type, text]) => {
      const columns = lineFields.get(type)!.map(([name]) => `"${name}"`);
      return copyRows(db, `copy ${stagingTableOf(type)} (import_id, line, ${columns.join(', ')}) from stdin`, text);
    }),
  );
}

/** Batches of lines in the checking thread at once: one being checked while the next waits. */
const IN_THREAD = 2;

/**
 * Reads the file a line at a time and hands the lines, a batch at a time, to a thread that checks
 * each on its own and makes the right ones the rows of their type's staging table; these are copied
 * while the thread checks the next batch and the file is read on. Only the problems are kept, and how
 * many lines of each type.
 */
async function stageLines(db: Database, importId: string, source: string | Readable, onRead: (done: number, all: boolean) => void) {
  const problems: ExchangeProblem[] = [];
  // The rules within a line count only when every line is right, as when the lines are checked together.
  const within: Found[] = [];
  const input = typeof source === 'string' ? Readable.from([source]) : source;
  const byType: Record<string, number> = {};
  const checker = lineBatchChecker(importId);
  let sent = 0;
  let taken = 0;
  let count = 0;
  let checkedLines = 0;
  let batch: string[] = [];
  let copying: Promise<unknown> = Promise.resolve();
  let copyFailed: unknown;
  const send = () => {
    checker.send(count - batch.length + 1, batch);
    batch = [];
    sent++;
  };
  const take = async (all = false) => {
    const checked = await checker.next();
    taken++;
    checkedLines += checked.read;
    problems.push(...checked.problems);
    within.push(...checked.within);
    for (const [type, n] of Object.entries(checked.byType)) byType[type] = (byType[type] ?? 0) + n;
    await copying;
    if (copyFailed) throw copyFailed;
    // Once the file is refused nothing more needs keeping, but every line is still checked.
    if (problems.length === 0 && checked.rows.length > 0)
      copying = copyStaged(db, checked.rows).catch((error: unknown) => (copyFailed = error));
    onRead(checkedLines, all && taken === sent);
    await letOthersIn();
  };
  try {
    for await (const raw of readline.createInterface({ input, crlfDelay: Infinity })) {
      count++;
      batch.push(raw as string);
      if (batch.length === CHUNK) {
        send();
        if (sent - taken >= IN_THREAD) await take();
      }
    }
    if (batch.length > 0) send();
    while (taken < sent) await take(true);
  } finally {
    // A batch still being copied lands before the staging is emptied.
    await copying;
    await checker.close();
  }
  if (copyFailed) throw copyFailed;
  // The planner joins the staged lines well only knowing how many there are of each type.
  if (problems.length === 0) await sql`analyze ${sql.join(lineMappings.map(({ type }) => sql.table(stagingTableOf(type))))}`.execute(db);
  problems.sort((a, b) => a.line - b.line);
  const lines = Object.values(byType).reduce((sum, n) => sum + n, 0);
  return { lines, byType, problems, within };
}

/** The register table a reference of the exchange format points into. */
const referencedTables = { person: 'persons', referral: 'referrals' } as const;

/** The SQL type of each column of the register's tables, as the database declares it. */
type ColumnTypes = Map<string, string>;

async function columnTypes(db: Database): Promise<ColumnTypes> {
  const tables = lineMappings.map((mapping) => mapping.table);
  const { rows } = await sql<{ name: string; type: string }>`
    select c.relname || '.' || a.attname as name, format_type(a.atttypid, a.atttypmod) as type
    from pg_attribute a join pg_class c on c.oid = a.attrelid
    where c.relname = any(${tables}) and c.relnamespace = 'public'::regnamespace and a.attnum > 0 and not a.attisdropped`.execute(db);
  return new Map(rows.map((row) => [row.name, row.type]));
}

/**
 * The staged lines of one type as the rows they become, each field cast to its column's type (so an
 * instant in any offset equals the same instant stored), with their line numbers and, for a line
 * type with a rule of its own (`unique`), the id that rule reports. A line with a register id gets a
 * new row id (used only when it is written). A reference to a person or a referral is the row id of
 * the register's row with that register id: stored before, or written earlier in the same move,
 * which takes the types in dependency order. Before the move, a reference to a person new to the
 * register is empty, and equals no stored row.
 */
function stagedRows(importId: string, mapping: LineMapping, types: ColumnTypes): RawBuilder<unknown> {
  const joins: RawBuilder<unknown>[] = [];
  const values: RawBuilder<unknown>[] = mapping.key.includes('register_id') ? [sql`gen_random_uuid() as id`] : [];
  mapping.columns.forEach(([column, source], n) => {
    if (typeof source === 'string') {
      // The type is the database's own name for it, read from its catalog.
      const type = sql.raw(types.get(`${mapping.table}.${column}`)!);
      return values.push(sql`cast(${sql.ref(`l.${source}`)} as ${type}) as ${sql.ref(column)}`);
    }
    const [table, field] = 'person' in source ? [referencedTables.person, source.person] : [referencedTables.referral, source.referral];
    const alias = sql.raw(`ref${n}`);
    joins.push(sql`left join ${sql.table(table)} ${alias} on ${alias}.register_id = ${sql.ref(`l.${field}`)}`);
    values.push(sql`${alias}.id as ${sql.ref(column)}`);
  });
  const reported = mapping.unique ? sql`${sql.ref(`l.${mapping.unique.idField}`)} as reported_id, ` : sql``;
  return sql`select l.line, ${reported}${sql.join(values)} from ${sql.table(stagingTableOf(mapping.type))} l ${sql.join(joins, sql` `)}
    where l.import_id = ${importId}`;
}

/** The stored row `stored` has the key of the staged row `staged`. */
const sameKey = (mapping: LineMapping) =>
  sql.join(
    mapping.key.map((column, n) =>
      n === 0
        ? sql`stored.${sql.ref(column)} = staged.${sql.ref(column)}`
        : sql`stored.${sql.ref(column)} is not distinct from staged.${sql.ref(column)}`,
    ),
    sql` and `,
  );

/**
 * The lines that contradict the register: a stored row with the same key that differs in a column
 * (the first such column is named), or another rule of the register the line would break.
 */
async function conflictsWithRegister(db: Database, importId: string, types: ColumnTypes): Promise<ExchangeProblem[]> {
  const conflicts: ExchangeProblem[] = [];
  for (const mapping of lineMappings) {
    const table = sql.table(mapping.table);
    // Nothing stored, nothing to contradict: a first import into an empty register skips the comparison.
    const stored = await sql<{ any: boolean }>`select exists (select 1 from ${table}) as any`.execute(db);
    if (!stored.rows[0].any) continue;
    const differs = sql.join(
      mapping.columns.map(
        ([column]) => sql`when stored.${sql.ref(column)} is distinct from staged.${sql.ref(column)} then ${sql.lit(column)}`,
      ),
      sql` `,
    );
    const { unique } = mapping;
    const taken = unique
      ? sql`${unique.when ? sql`staged.${sql.ref(unique.when)} and ` : sql``}exists (select 1 from ${table} stored
          where stored.${sql.ref(unique.column)} = staged.${sql.ref(unique.column)}${unique.when ? sql` and stored.${sql.ref(unique.when)}` : sql``})`
      : sql`false`;
    const found = await sql<{ line: number; differs: string | null; taken: boolean; id: string | null }>`
      select line, differs, taken, id from (
        select staged.line, ${unique ? sql`staged.reported_id` : sql`null`} as id,
          (select case ${differs} else '' end from ${table} stored where ${sameKey(mapping)} limit 1) as differs, ${taken} as taken
        from (${stagedRows(importId, mapping, types)}) staged
      ) checked where differs <> '' or (differs is null and taken)`.execute(db);
    for (const row of found.rows) {
      if (row.differs) conflicts.push({ line: row.line, code: 'conflicts_with_register', params: { field: row.differs } });
      else conflicts.push({ line: row.line, code: unique!.code, params: { id: row.id! } });
    }
    await letOthersIn();
  }
  return conflicts.sort((a, b) => a.line - b.line);
}

/**
 * Moves the staged lines into the register and records the import, in one transaction: SQL only,
 * each table in one statement, in the file's order. A line equal to a stored row is left as it is.
 * Should someone have written a row of the file meanwhile, the register refuses the duplicate and
 * nothing of the file is written.
 */
async function moveLines(
  ctx: AppContext,
  who: Who,
  importId: string,
  types: ColumnTypes,
  lines: number,
  byType: Record<string, number>,
  onMoved: (done: number) => void,
): Promise<ImportSummary> {
  const created: Record<string, number> = {};
  await ctx.db.transaction().execute(async (trx) => {
    let done = 0;
    for (const mapping of lineMappings) {
      created[mapping.type] = 0;
      if (!byType[mapping.type]) continue;
      const columns = [...(mapping.key.includes('register_id') ? ['id'] : []), ...mapping.columns.map(([column]) => column)];
      const inserted = await sql`insert into ${sql.table(mapping.table)} (${sql.join(columns.map((column) => sql.ref(column)))})
        select ${sql.join(columns.map((column) => sql.ref(`staged.${column}`)))} from (${stagedRows(importId, mapping, types)}) staged
        where not exists (select 1 from ${sql.table(mapping.table)} stored where ${sameKey(mapping)})
        order by staged.line`.execute(trx);
      created[mapping.type] = Number(inserted.numAffectedRows ?? 0);
      // The lines that follow join persons and referrals by register id: the planner joins them well
      // only knowing how many rows the tables now have.
      if ((Object.values(referencedTables) as string[]).includes(mapping.table) && created[mapping.type] > 0)
        await sql`analyze ${sql.table(mapping.table)}`.execute(trx);
      done += byType[mapping.type];
      onMoved(done);
    }
    const summary = { lines, created, unchanged: lines - createdCount({ lines, created, unchanged: 0 }) };
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...who,
      action: 'exchange.import',
      outcome: 'succeeded',
      details: { lines: summary.lines, created: summary.created, unchanged: summary.unchanged },
    });
  });
  return { lines, created, unchanged: lines - createdCount({ lines, created, unchanged: 0 }) };
}
