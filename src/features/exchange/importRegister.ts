/* eslint-disable @typescript-eslint/no-explicit-any -- rows read with `select *` from the table a line type
   names, compared column by column with the rows the file's lines become (registerLines.ts). */
import { randomUUID } from 'node:crypto';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { appendAudit, type AuditEntry } from '../../core/audit/audit.ts';
import { AppError } from '../../core/errors.ts';
import type { Database } from '../../core/db/database.ts';
import type { AppContext } from '../../server/context.ts';
import { comparable, lineMappings, type IdMaps, type LineMapping } from './registerLines.ts';
import { checkAcrossLines, checkLine, type Complain, type ExchangeLine, type ExchangeProblem } from './validateExchangeFile.ts';

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

/** Lines, or rows, sent to the database in one statement while staging. */
const CHUNK = 5000;

/**
 * Lets the server's other requests run between two chunks. The embedded database answers within the
 * same turn of the event loop, so an import that only awaited its statements would never let a
 * waiting request in until it ended.
 */
const letOthersIn = () => new Promise((resolve) => setImmediate(resolve));

type Who = Pick<AuditEntry, 'actorId' | 'actorRole' | 'ip'>;

/**
 * Imports an exchange file into the register, all or nothing. The file is read line by line (a
 * string, or a stream of a file or an upload) and every line checked on its own as it comes; the
 * right ones wait in a staging table, not in memory. Then the lines are checked together, then
 * against what the register already holds (a line equal to a stored one is left as it is; a line
 * that contradicts one is refused), and the rows they become are staged too. All of this runs in
 * short statements, so others keep working while a large file is imported, even on the embedded
 * database. Only then are the staged rows moved into the register, in one transaction, by SQL. A
 * refused file is recorded in the audit log with how many problems it had; its staging is emptied.
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
    const { lines, problems } = await stageLines(ctx.db, importId, source, (done, all) =>
      onProgress?.({ phase: 'checking', done: all ? Math.max(total, done) : done, total: Math.max(total, done) }),
    );
    if (problems.length > 0) throw new ImportRejected(problems);
    const summary = await stageRows(ctx.db, importId, lines, (done) => onProgress?.({ phase: 'writing', done, total: lines }));
    await moveRows(ctx, who, importId, summary);
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
    await sql`delete from register_import_rows where import_id = ${importId}`.execute(ctx.db);
  }
}

const lineCount = (text: string) => {
  let count = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
};

/**
 * Reads the file a line at a time and checks each on its own; the right lines go to the staging
 * table a chunk at a time. Then the lines are checked together, one type at a time from there.
 */
async function stageLines(db: Database, importId: string, source: string | Readable, onRead: (done: number, all: boolean) => void) {
  const problems: ExchangeProblem[] = [];
  const problem: Complain = (line, code, params = {}) => problems.push({ line, code, params });
  const input = typeof source === 'string' ? Readable.from([source]) : source;
  let pending: ExchangeLine[] = [];
  let count = 0;
  let right = 0;
  const flush = async (all = false) => {
    // Once the file is refused nothing more needs keeping, but every line is still checked.
    if (problems.length === 0 && pending.length > 0)
      await sql`insert into register_import_lines (import_id, line, type, fields)
        select ${importId}, (entry->>'line')::int, entry->>'type', entry->'fields' from json_array_elements(${JSON.stringify(pending)}::json) entry`.execute(
        db,
      );
    right += pending.length;
    pending = [];
    onRead(count, all);
    await letOthersIn();
  };
  for await (const raw of readline.createInterface({ input, crlfDelay: Infinity })) {
    count++;
    checkLine(count, (raw as string).replace(/\r$/, ''), pending, problem);
    if (pending.length >= CHUNK) await flush();
  }
  await flush(true);
  if (problems.length === 0) await checkAcrossLines((type) => stagedLines(db, importId, type), problem);
  problems.sort((a, b) => a.line - b.line);
  return { lines: right, problems };
}

async function stagedLines(db: Database, importId: string, type: string): Promise<ExchangeLine[]> {
  await letOthersIn();
  const found = await sql<ExchangeLine>`select line, type, fields from register_import_lines
    where import_id = ${importId} and type = ${type} order by line`.execute(db);
  return found.rows;
}

/**
 * The rows the staged lines become, type by type in dependency order, a chunk at a time: each chunk
 * is compared with what the register holds for it, and the new rows are staged for the move.
 */
async function stageRows(db: Database, importId: string, lines: number, onStaged: (done: number) => void): Promise<ImportSummary> {
  const ids: IdMaps = { persons: new Map(), referrals: new Map() };
  const summary: ImportSummary = { lines, created: {}, unchanged: 0 };
  const conflicts: ExchangeProblem[] = [];
  let done = 0;
  for (const mapping of lineMappings) {
    let created = 0;
    let after = 0;
    for (;;) {
      const found = await sql<ExchangeLine>`select line, type, fields from register_import_lines
        where import_id = ${importId} and type = ${mapping.type} and line > ${after} order by line limit ${CHUNK}`.execute(db);
      const chunk = found.rows;
      if (chunk.length === 0) break;
      after = chunk[chunk.length - 1].line;
      const fresh = await compareWithRegister(db, mapping, chunk, ids, conflicts, summary);
      if (conflicts.length === 0 && fresh.length > 0)
        await sql`insert into register_import_rows (import_id, table_name, seq, row)
          select ${importId}, ${mapping.table}, ${created} + ordinality::int, value
          from json_array_elements(${JSON.stringify(fresh)}::json) with ordinality`.execute(db);
      created += fresh.length;
      done += chunk.length;
      onStaged(done);
      await letOthersIn();
    }
    summary.created[mapping.type] = created;
  }
  if (conflicts.length > 0) throw new ImportRejected(conflicts.sort((a, b) => a.line - b.line));
  return summary;
}

/** One chunk of lines against the register: the rows it does not hold yet; contradictions join `conflicts`. */
async function compareWithRegister(
  db: Database,
  mapping: LineMapping,
  lines: ExchangeLine[],
  ids: IdMaps,
  conflicts: ExchangeProblem[],
  summary: ImportSummary,
) {
  const stored = await existingRows(db, mapping, lines, ids);
  const storedByKey = new Map(stored.map((row) => [keyOf(mapping.key, row), row]));
  const { unique } = mapping;
  const storedByUnique = new Set(unique ? stored.filter(unique.when).map((row) => keyOf(unique.columns, row)) : []);
  const fresh: Array<Record<string, unknown>> = [];
  for (const line of lines) {
    const row = mapping.row(line.fields, ids);
    const same = storedByKey.get(keyOf(mapping.key, row));
    if (same) {
      const differs = Object.keys(row).find((column) => comparable(row[column]) !== comparable(same[column]));
      if (differs) conflicts.push({ line: line.line, code: 'conflicts_with_register', params: { field: differs } });
      else summary.unchanged++;
      remember(mapping, line, String(same.id ?? ''), ids);
    } else if (unique && unique.when(row) && storedByUnique.has(keyOf(unique.columns, row))) {
      conflicts.push({ line: line.line, code: unique.code, params: { id: line.fields[unique.idField] } });
    } else {
      const id = mapping.key[0] === 'register_id' ? randomUUID() : undefined;
      fresh.push(id ? { id, ...row } : row);
      remember(mapping, line, id ?? '', ids);
    }
  }
  return fresh;
}

/**
 * Moves the staged rows into the register and records the import, in one transaction: SQL only,
 * so the transaction is short. Should someone have written a row of the file meanwhile, the
 * register refuses the duplicate and nothing of the file is written.
 */
async function moveRows(ctx: AppContext, who: Who, importId: string, summary: ImportSummary) {
  await ctx.db.transaction().execute(async (trx) => {
    for (const mapping of lineMappings) {
      if (!summary.created[mapping.type]) continue;
      const first = await sql<{ row: Record<string, unknown> }>`select row from register_import_rows
        where import_id = ${importId} and table_name = ${mapping.table} order by seq limit 1`.execute(trx);
      const columns = Object.keys(first.rows[0].row).map((column) => sql.ref(column));
      const from = sql.join(
        Object.keys(first.rows[0].row).map((column) => sql.ref(`staged.${column}`)),
        sql`, `,
      );
      await sql`insert into ${sql.table(mapping.table)} (${sql.join(columns)})
        select ${from} from register_import_rows s cross join lateral json_populate_record(null::${sql.table(mapping.table)}, s.row) staged
        where s.import_id = ${importId} and s.table_name = ${mapping.table} order by s.seq`.execute(trx);
    }
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...who,
      action: 'exchange.import',
      outcome: 'succeeded',
      details: { lines: summary.lines, created: summary.created, unchanged: summary.unchanged },
    });
  });
}

function remember(mapping: LineMapping, line: ExchangeLine, id: string, ids: IdMaps) {
  if (mapping.type === 'person') ids.persons.set(line.fields.id, id);
  if (mapping.type === 'referral') ids.referrals.set(line.fields.id, id);
}

const keyOf = (columns: string[], row: Record<string, unknown>) => JSON.stringify(columns.map((column) => comparable(row[column])));

/** The rows the register already holds that the file's lines of one type could match or contradict. */
async function existingRows(db: Database, mapping: LineMapping, lines: ExchangeLine[], ids: IdMaps) {
  const rows: Array<Record<string, any>> = [];
  const seen = new Set<string>();
  for (const scope of mapping.scopes) {
    const values = [...new Set(lines.map((line) => scope.value(line.fields, ids)).filter((value): value is string => Boolean(value)))];
    for (let start = 0; start < values.length; start += CHUNK) {
      const found = await sql<
        Record<string, any>
      >`select * from ${sql.table(mapping.table)} where ${sql.ref(scope.column)} in (${sql.join(values.slice(start, start + CHUNK))})`.execute(
        db,
      );
      for (const row of found.rows) {
        const key = keyOf(mapping.key, row);
        if (!seen.has(key)) {
          seen.add(key);
          rows.push(row);
        }
      }
    }
  }
  return rows;
}
