import { Worker } from 'node:worker_threads';
import { lineFields } from './exchangeSchema.ts';
import { checkLine, checkWithinLine, type ExchangeLine, type ExchangeProblem } from './validateExchangeFile.ts';

// An import's lines checked each on its own, a batch at a time, and turned into the rows they are
// staged as (importRegister.ts). Run in a thread of its own (lineBatchesThread.ts), so reading and
// checking a file goes on while the database copies the batch before.

/** A problem with the place of its rule among those that check the lines together (stagedLineChecks.ts). */
export interface Found {
  line: number;
  rank: number;
  code: string;
  params: Record<string, string | number>;
}

/** Where the rules within a line (checkWithinLine) come in checkAcrossLines, by line type. */
export const withinLineRank: Record<string, number> = { referral: 2, reflection_period: 14, identification: 16 };

/** A batch of lines as checked: the staging rows of its right lines by type, and what was wrong. */
export interface CheckedBatch {
  /** Lines read, the empty ones too. */
  read: number;
  /** Right lines, by type. */
  byType: Record<string, number>;
  /** Each type's rows in COPY's text format; none once the file has a wrong line, as nothing of it will be written. */
  rows: Array<[type: string, text: string]>;
  problems: ExchangeProblem[];
  /** The problems within right lines, which count only when every line is right. */
  within: Found[];
}

/** A value in COPY's text format: backslashes, tabs and line ends escaped. */
const copyText = (value: string) => value.replace(/[\\\t\r\n]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\r': '\\r', '\n': '\\n' })[c]!);

/** A right line as a row of its type's staging table, in COPY's text format: an absent or null field is `\N`. */
function stagedRow(importId: string, entry: ExchangeLine): string {
  let row = `${importId}\t${entry.line}`;
  for (const [name] of lineFields.get(entry.type)!) {
    const value: unknown = entry.fields[name];
    row += value === undefined || value === null ? '\t\\N' : `\t${typeof value === 'string' ? copyText(value) : String(value)}`;
  }
  return `${row}\n`;
}

/**
 * Checks the lines of one batch, the first of them numbered `first`. `refused` says whether an earlier
 * batch had a wrong line: then no rows are made, though every line is still checked.
 */
export function checkBatch(importId: string, first: number, raws: string[], refused: boolean): CheckedBatch {
  const problems: ExchangeProblem[] = [];
  const within: Found[] = [];
  const byType: Record<string, number> = {};
  const rows = new Map<string, string[]>();
  const right: ExchangeLine[] = [];
  raws.forEach((raw, index) => {
    checkLine(first + index, raw.replace(/\r$/, ''), right, (line, code, params = {}) => problems.push({ line, code, params }));
    const entry = right.pop();
    if (!entry) return;
    byType[entry.type] = (byType[entry.type] ?? 0) + 1;
    checkWithinLine(entry, (line, code, params = {}) => within.push({ line, rank: withinLineRank[entry.type], code, params }));
    if (refused || problems.length > 0) return;
    const typed = rows.get(entry.type) ?? rows.set(entry.type, []).get(entry.type)!;
    typed.push(stagedRow(importId, entry));
  });
  return {
    read: raws.length,
    byType,
    rows: refused || problems.length > 0 ? [] : [...rows].map(([type, lines]) => [type, lines.join('')]),
    problems,
    within,
  };
}

/**
 * A thread that checks batches of lines (lineBatchesThread.ts): `send` a batch, and take the checked
 * batches with `next`, in the order sent.
 */
export function lineBatchChecker(importId: string) {
  const thread = new Worker(new URL('./lineBatchesThread.mjs', import.meta.url), { workerData: { importId } });
  const arrived: CheckedBatch[] = [];
  let waiting: { resolve: (batch: CheckedBatch) => void; reject: (error: Error) => void } | undefined;
  let failed: Error | undefined;
  const fail = (error: Error) => {
    failed ??= error;
    waiting?.reject(failed);
    waiting = undefined;
  };
  thread.on('message', (batch: CheckedBatch) => {
    if (waiting) waiting.resolve(batch);
    else arrived.push(batch);
    waiting = undefined;
  });
  thread.on('error', fail);
  thread.on('exit', (code) => fail(new Error(`the thread checking the lines ended (${code})`)));
  return {
    send: (first: number, raws: string[]) => thread.postMessage({ first, raws }),
    next: (): Promise<CheckedBatch> =>
      arrived.length > 0
        ? Promise.resolve(arrived.shift()!)
        : failed
          ? Promise.reject(failed)
          : new Promise((resolve, reject) => (waiting = { resolve, reject })),
    close: () => thread.terminate(),
  };
}
