/* eslint-disable @typescript-eslint/no-explicit-any -- rows read with `select *` from the table a line type
   names, compared column by column with the rows the file's lines become (registerLines.ts). */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { appendAudit, type AuditEntry } from '../../core/audit/audit.ts';
import { AppError } from '../../core/errors.ts';
import type { Database } from '../../core/db/database.ts';
import type { AppContext } from '../../server/context.ts';
import { comparable, lineMappings, type IdMaps, type LineMapping } from './registerLines.ts';
import { validateExchangeFile, type ExchangeLine, type ExchangeProblem } from './validateExchangeFile.ts';

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

const BATCH = 1000;

type Who = Pick<AuditEntry, 'actorId' | 'actorRole' | 'ip'>;

/**
 * Imports an exchange file into the register, all or nothing: the whole file is checked first,
 * then against what the register already holds (a line equal to a stored one is left as it is;
 * a line that contradicts one is refused), and only then written, in one transaction.
 * A refused file is recorded in the audit log with how many problems it had.
 */
export async function importRegister(
  ctx: AppContext,
  who: Who,
  text: string,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportSummary> {
  try {
    const { lines, problems } = await validateExchangeFile(text, (done, total) => onProgress?.({ phase: 'checking', done, total }));
    if (problems.length > 0) throw new ImportRejected(problems);
    return await writeLines(ctx, who, lines, (done) => onProgress?.({ phase: 'writing', done, total: lines.length }));
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
  }
}

async function writeLines(ctx: AppContext, who: Who, lines: ExchangeLine[], onWritten: (done: number) => void): Promise<ImportSummary> {
  return ctx.db.transaction().execute(async (trx) => {
    const ids: IdMaps = { persons: new Map(), referrals: new Map() };
    const summary: ImportSummary = { lines: lines.length, created: {}, unchanged: 0 };
    const conflicts: ExchangeProblem[] = [];
    let done = 0;
    for (const mapping of lineMappings) {
      const ofType = lines.filter((line) => line.type === mapping.type);
      const stored = await existingRows(trx, mapping, ofType, ids);
      const storedByKey = new Map(stored.map((row) => [keyOf(mapping.key, row), row]));
      const { unique } = mapping;
      const storedByUnique = new Set(unique ? stored.filter(unique.when).map((row) => keyOf(unique.columns, row)) : []);
      const fresh: Array<Record<string, unknown>> = [];
      for (const line of ofType) {
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
      if (conflicts.length === 0) {
        for (let start = 0; start < fresh.length; start += BATCH) {
          await trx
            .insertInto(mapping.table)
            .values(fresh.slice(start, start + BATCH) as never)
            .execute();
          onWritten(done + Math.round((ofType.length * Math.min(start + BATCH, fresh.length)) / fresh.length));
        }
      }
      summary.created[mapping.type] = fresh.length;
      done += ofType.length;
      onWritten(done);
    }
    if (conflicts.length > 0) throw new ImportRejected(conflicts.sort((a, b) => a.line - b.line));
    await appendAudit(trx, ctx.keyring.auditKey, {
      ...who,
      action: 'exchange.import',
      outcome: 'succeeded',
      details: { lines: summary.lines, created: summary.created, unchanged: summary.unchanged },
    });
    return summary;
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
    for (let start = 0; start < values.length; start += BATCH) {
      const found = await sql<
        Record<string, any>
      >`select * from ${sql.table(mapping.table)} where ${sql.ref(scope.column)} in (${sql.join(values.slice(start, start + BATCH))})`.execute(
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
