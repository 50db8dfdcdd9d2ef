import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { appendAudit, type AuditEntry } from '../../core/audit/audit.ts';
import { AppError } from '../../core/errors.ts';
import type { Database } from '../../core/db/database.ts';
import type { AppContext } from '../../server/context.ts';
import { comparable, lineMappings, type IdMaps, type LineMapping } from './registerLines.ts';
import { validateExchangeFile, type ExchangeLine, type ExchangeProblem } from './validateExchangeFile.ts';

export interface ImportSummary { lines: number; created: Record<string, number>; unchanged: number }

/** The file was refused: nothing was written. The problems name their lines. */
export class ImportRejected extends AppError {
  constructor(readonly problems: ExchangeProblem[]) {
    super(400, 'import_rejected', { count: problems.length });
  }
}

const BATCH = 1000;

/**
 * Imports an exchange file into the register, all or nothing: the whole file is checked first,
 * then against what the register already holds (a line equal to a stored one is left as it is;
 * a line that contradicts one is refused), and only then written, in one transaction.
 */
export async function importRegister(ctx: AppContext, who: Pick<AuditEntry, 'actorId' | 'actorRole' | 'ip'>, text: string, onProgress?: (done: number, total: number) => void): Promise<ImportSummary> {
  const { lines, problems } = validateExchangeFile(text);
  if (problems.length > 0) throw new ImportRejected(problems);
  return ctx.db.transaction().execute(async (trx) => {
    const ids: IdMaps = { persons: new Map(), referrals: new Map() };
    const summary: ImportSummary = { lines: lines.length, created: {}, unchanged: 0 };
    const conflicts: ExchangeProblem[] = [];
    let done = 0;
    for (const mapping of lineMappings) {
      const ofType = lines.filter((line) => line.type === mapping.type);
      const existing = await existingRows(trx, mapping, ofType, ids);
      const fresh: Array<Record<string, unknown>> = [];
      for (const line of ofType) {
        const row = mapping.row(line.fields, ids);
        const stored = existing.get(keyOf(mapping.key, row));
        if (stored) {
          const differs = Object.keys(row).find((column) => comparable(row[column]) !== comparable(stored[column]));
          if (differs) conflicts.push({ line: line.line, code: 'conflicts_with_register', params: { field: differs } });
          else summary.unchanged++;
          remember(mapping, line, String(stored.id ?? ''), ids);
        } else {
          const id = mapping.key[0] === 'register_id' ? randomUUID() : undefined;
          fresh.push(id ? { id, ...row } : row);
          remember(mapping, line, id ?? '', ids);
        }
      }
      if (conflicts.length === 0) {
        for (let start = 0; start < fresh.length; start += BATCH) {
          await trx.insertInto(mapping.table).values(fresh.slice(start, start + BATCH) as never).execute();
        }
      }
      summary.created[mapping.type] = fresh.length;
      done += ofType.length;
      onProgress?.(done, lines.length);
    }
    if (conflicts.length > 0) throw new ImportRejected(conflicts.sort((a, b) => a.line - b.line));
    await appendAudit(trx, ctx.keyring.auditKey, { ...who, action: 'exchange.import', outcome: 'succeeded', details: { lines: summary.lines, created: summary.created, unchanged: summary.unchanged } });
    return summary;
  });
}

function remember(mapping: LineMapping, line: ExchangeLine, id: string, ids: IdMaps) {
  if (mapping.type === 'person') ids.persons.set(line.fields.id, id);
  if (mapping.type === 'referral') ids.referrals.set(line.fields.id, id);
}

const keyOf = (columns: string[], row: Record<string, unknown>) => JSON.stringify(columns.map((column) => comparable(row[column])));

/** The rows the register already holds that the file's lines of one type could match. */
async function existingRows(db: Database, mapping: LineMapping, lines: ExchangeLine[], ids: IdMaps) {
  const scopes = [...new Set(lines.map((line) => mapping.scope.value(line.fields, ids)).filter((value): value is string => Boolean(value)))];
  const rows = new Map<string, Record<string, any>>();
  for (let start = 0; start < scopes.length; start += BATCH) {
    const found = await sql<Record<string, any>>`select * from ${sql.table(mapping.table)} where ${sql.ref(mapping.scope.column)}::text in (${sql.join(scopes.slice(start, start + BATCH))})`.execute(db);
    for (const row of found.rows) rows.set(keyOf(mapping.key, row), row);
  }
  return rows;
}
