import { parseArgs } from 'node:util';
import { translate } from '../../core/i18n/i18n.ts';
import { annualStatistics, cellLabel, tableIds } from '../../features/statistics/index.ts';
import { cliLanguage, complain } from '../output.ts';
import { commandLine, withContext } from './withContext.ts';

/** polku stats annual --year YYYY [--json] [--published]: the annual report, as JSON or as readable tables. */
export async function statsCommand(args: string[]): Promise<number> {
  const [what, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: { year: { type: 'string' }, json: { type: 'boolean', default: false }, published: { type: 'boolean', default: false } },
  });
  if (what !== 'annual' || !/^\d{4}$/.test(values.year ?? '')) {
    complain('stats_usage');
    return 2;
  }
  return withContext(async (ctx) => {
    const report = await annualStatistics(
      ctx,
      { ...commandLine, actor: null },
      Number(values.year),
      values.published ? 'published' : 'internal',
    );
    if (values.json) {
      console.log(JSON.stringify(report, null, 2));
      return 0;
    }
    const language = cliLanguage();
    const t = (key: string) => translate(language, key);
    console.log(translate(language, 'statistics.reportTitle', { year: report.year }));
    for (const id of tableIds) {
      console.log(`\n${t(`statistics.tables.${id}`)}  [${id}]`);
      for (const [cell, count] of Object.entries(report.tables[id].cells)) {
        console.log(`  ${cellLabel(t, language, id, cell).padEnd(48)} ${count === null ? '–' : count}`);
      }
    }
    return 0;
  });
}
