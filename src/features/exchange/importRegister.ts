import { randomUUID } from 'node:crypto';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { sql, type RawBuilder } from 'kysely';
import { appendAudit, type AuditEntry } from '../../core/audit/audit.ts';
import { AppError } from '../../core/errors.ts';
import { copyRows, type Database } from '../../core/db/database.ts';
import type { AppContext } from '../../server/context.ts';
import { letOthersIn } from './letOthersIn.ts';
import { lineMappings, type LineMapping } from './registerLines.ts';
import { problemsAcrossStagedLines, withinLineRank, type Found } from './stagedLineChecks.ts';
import { checkLine, checkWithinLine, type Complain, type ExchangeLine, type ExchangeProblem } from './validateExchangeFile.ts';

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

/** Lines read, checked and copied to the staging table between two turns of the others. */
const CHUNK = 5000;

type Who = Pick<AuditEntry, 'actorId' | 'actorRole' | 'ip'>;

/**
 * Imports an exchange file into the register, all or nothing. The file is read line by line (a
 * string, or a stream of a file or an upload) and every line checked on its own as it comes; the
 * right ones are copied to a staging table a chunk at a time, and nothing of the file stays in
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
    // The ids are assigned while the lines are checked together: on a PostgreSQL server, side by
    // side. Both end before the staging is emptied; a file's problems (a duplicate id, which the
    // assignment refuses too) are reported before any failure of the assignment.
    const checking = problemsAcrossStagedLines(ctx.db, importId, within);
    const assigning = assignRowIds(ctx.db, importId);
    await Promise.allSettled([checking, assigning]);
    const across = await checking;
    if (across.length > 0) throw new ImportRejected(across);
    await assigning;
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
    await sql`delete from register_import_lines where import_id = ${importId}`.execute(ctx.db);
    await sql`delete from register_import_ids where import_id = ${importId}`.execute(ctx.db);
  }
}

const lineCount = (text: string) => {
  let count = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
};

/** A value in COPY's text format: backslashes, tabs and line ends escaped. */
const copyText = (value: string) => value.replace(/[\\\t\r\n]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\r': '\\r', '\n': '\\n' })[c]!);

/**
 * Reads the file a line at a time and checks each on its own; the right lines are copied, as read,
 * to the staging table a chunk at a time. Only the problems are kept, and how many lines of each type.
 */
async function stageLines(db: Database, importId: string, source: string | Readable, onRead: (done: number, all: boolean) => void) {
  const problems: ExchangeProblem[] = [];
  const problem: Complain = (line, code, params = {}) => problems.push({ line, code, params });
  // The rules within a line count only when every line is right, as when the lines are checked together.
  const within: Found[] = [];
  const input = typeof source === 'string' ? Readable.from([source]) : source;
  const byType: Record<string, number> = {};
  const right: ExchangeLine[] = [];
  let pending: string[] = [];
  let count = 0;
  let lines = 0;
  // One chunk is copied while the next is read: on a PostgreSQL server the two run side by side.
  let copying: Promise<unknown> = Promise.resolve();
  let copyFailed: unknown;
  const flush = async (all = false) => {
    await copying;
    if (copyFailed) throw copyFailed;
    // Once the file is refused nothing more needs keeping, but every line is still checked.
    if (problems.length === 0 && pending.length > 0)
      copying = copyRows(db, 'copy register_import_lines (import_id, line, type, fields) from stdin', pending.join('')).catch(
        (error: unknown) => (copyFailed = error),
      );
    pending = [];
    onRead(count, all);
    await letOthersIn();
  };
  try {
    for await (const raw of readline.createInterface({ input, crlfDelay: Infinity })) {
      count++;
      const text = (raw as string).replace(/\r$/, '');
      checkLine(count, text, right, problem);
      const entry = right.pop();
      if (entry) {
        lines++;
        byType[entry.type] = (byType[entry.type] ?? 0) + 1;
        checkWithinLine(entry, (line, code, params = {}) => within.push({ line, rank: withinLineRank[entry.type], code, params }));
        if (problems.length === 0) pending.push(`${importId}\t${count}\t${entry.type}\t${copyText(text)}\n`);
      }
      if (count % CHUNK === 0) await flush();
    }
    await flush(true);
  } finally {
    // A chunk still being copied lands before the staging is emptied.
    await copying;
  }
  if (copyFailed) throw copyFailed;
  // The planner joins the staged lines well only knowing how many there are of each type.
  if (problems.length === 0) await sql`analyze register_import_lines`.execute(db);
  problems.sort((a, b) => a.line - b.line);
  return { lines, byType, problems, within };
}

/**
 * Each line with a register id gets its row id: the stored row's with that register id, or a new
 * one. Lines referring to a person or a referral are joined to these.
 */
async function assignRowIds(db: Database, importId: string) {
  for (const mapping of lineMappings.filter((m) => m.key.includes('register_id'))) {
    await sql`insert into register_import_ids (import_id, type, register_id, id)
      select l.import_id, l.type, l.fields->>'id', coalesce(stored.id, gen_random_uuid())
      from register_import_lines l left join ${sql.table(mapping.table)} stored on stored.register_id = l.fields->>'id'
      where l.import_id = ${importId} and l.type = ${mapping.type}`.execute(db);
    await letOthersIn();
  }
  await sql`analyze register_import_ids`.execute(db);
}

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
 * instant in any offset equals the same instant stored), with their line numbers and fields.
 */
function stagedRows(importId: string, mapping: LineMapping, types: ColumnTypes): RawBuilder<unknown> {
  const joins: RawBuilder<unknown>[] = [];
  const values: RawBuilder<unknown>[] = [];
  const joinIds = (alias: string, type: string, field: string) =>
    joins.push(sql`left join register_import_ids ${sql.raw(alias)} on ${sql.raw(alias)}.import_id = l.import_id
      and ${sql.raw(alias)}.type = ${type} and ${sql.raw(alias)}.register_id = l.fields->>${sql.lit(field)}`);
  if (mapping.key.includes('register_id')) {
    joinIds('own', mapping.type, 'id');
    values.push(sql`own.id as id`);
  }
  mapping.columns.forEach(([column, source], n) => {
    if (typeof source === 'string') {
      // The type is the database's own name for it, read from its catalog.
      const type = sql.raw(types.get(`${mapping.table}.${column}`)!);
      return values.push(sql`cast(l.fields->>${sql.lit(source)} as ${type}) as ${sql.ref(column)}`);
    }
    const [type, field] = 'person' in source ? ['person', source.person] : ['referral', source.referral];
    joinIds(`ref${n}`, type, field);
    values.push(sql`${sql.raw(`ref${n}`)}.id as ${sql.ref(column)}`);
  });
  return sql`select l.line, l.fields, ${sql.join(values)} from register_import_lines l ${sql.join(joins, sql` `)}
    where l.import_id = ${importId} and l.type = ${mapping.type}`;
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
        select staged.line, staged.fields->>${sql.lit(unique?.idField ?? 'id')} as id,
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
