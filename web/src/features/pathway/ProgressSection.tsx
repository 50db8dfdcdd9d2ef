import { useTranslation } from 'react-i18next';
import { formDay, formText } from '../../lib/forms.ts';
import { DateField, SelectField } from '../../ui/form/fields.tsx';
import { formatDate } from '../../ui/ui.tsx';
import { helsinkiDate } from '#shared/dates.ts';
import { progressAreas } from '#shared/pathwayCodes.ts';
import type { ProgressInput } from '#shared/api/pathway.ts';
import { recordWrites, type SectionProps } from './pathwayRecord.ts';
import { SavingForm } from './SavingForm.tsx';
import { ProgressChart } from './ProgressChart.tsx';

/** The stage a score is at: each area has its own plain-language description of each stage. */
export const stageOf = (score: number) => Math.ceil(score / 2);

/** Progress made with the client: readings on the open staged scale, the chart and its table. */
export function ProgressSection({ record, reload }: SectionProps) {
  const { t, i18n } = useTranslation('pathway');
  const lang = i18n.language;
  const { can, post } = recordWrites(record);
  const readings = record.pathwayProgress ?? [];
  return (
    <section className="panel" aria-labelledby="progress-heading">
      <h2 id="progress-heading">{t('progress.heading')}</h2>
      {readings.length === 0 ? <p>{t('progress.none')}</p> : <ProgressChart readings={readings} />}
      {readings.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="progress-table-caption">
          <table>
            <caption id="progress-table-caption">{t('progress.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('progress.area')}</th>
                {readings.map((reading) => (
                  <th scope="col" key={reading.id}>
                    {formatDate(reading.readOn!, lang)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {progressAreas.map((area) => (
                <tr key={area}>
                  <th scope="row">{t(`areas.${area}`)}</th>
                  {readings.map((reading) => (
                    <td key={reading.id}>{reading.scores?.[area] ?? '–'}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <details>
        <summary>{t('progress.stages')}</summary>
        {progressAreas.map((area) => (
          <section key={area} aria-labelledby={`stages-${area}`}>
            <h3 id={`stages-${area}`}>{t(`areas.${area}`)}</h3>
            <ol className="stages">
              {[1, 2, 3, 4, 5].map((stage) => (
                <li key={stage}>
                  <strong>{t('progress.stageRange', { from: stage * 2 - 1, to: stage * 2 })}</strong> {t(`areaStages.${area}.${stage}`)}
                </li>
              ))}
            </ol>
          </section>
        ))}
      </details>
      {can('coaching') && (
        <SavingForm
          summary={t('progress.add')}
          submitLabel={t('progress.save')}
          saved={t('progress.saved')}
          onSaved={reload}
          check={(data) => (progressAreas.some((area) => formText(data, area)) ? [] : [{ name: progressAreas[0], problem: 'none' }])}
          onSubmit={(data) =>
            post('/progress', {
              readOn: formDay(data, 'readOn'),
              scores: Object.fromEntries(
                progressAreas.filter((area) => formText(data, area)).map((area) => [area, Number(formText(data, area))]),
              ),
            } satisfies ProgressInput)
          }
        >
          <p>{t('progress.together')}</p>
          <DateField name="readOn" label={t('progress.readOn')} required defaultValue={helsinkiDate()} />
          {progressAreas.map((area, index) => (
            <SelectField
              key={area}
              name={area}
              label={t(`areas.${area}`)}
              placeholder={t('progress.notRead')}
              messages={index === 0 ? { none: t('progress.atLeastOne') } : undefined}
              options={Array.from({ length: 10 }, (_, i) => i + 1).map((score) => ({
                value: String(score),
                label: `${score} – ${t(`areaStages.${area}.${stageOf(score)}`)}`,
              }))}
            />
          ))}
        </SavingForm>
      )}
    </section>
  );
}
