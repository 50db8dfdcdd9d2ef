import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useRecordRead } from '../../lib/recordRead.ts';
import { LoadFailed, Loading } from '../../ui/Loaded.tsx';
import { ReasonForm } from '../../ui/ReasonForm.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle } from '../../ui/ui.tsx';
import type { ClientPathway } from './pathwayRecord.ts';
import { mapSteps, type MapStep, type StepState } from './mapState.ts';

/** The drawing's rows, top to bottom, as the seed's map runs from the statutory services to the desired state. */
const rows: Array<MapStep['id'][]> = [
  ['statutory'],
  ['mental_state', 'literacy', 'language'],
  ['client_plan', 'integration_plan'],
  ['services'],
  ['desired'],
];
const marks: Record<StepState, string> = { done: '✓', under_way: '…', waiting: '○', not_needed: '–', not_known: '?' };
const WIDTH = 360;
const ROW = 86;

/**
 * The map of the path to work for one person: an SVG whose steps are links (reached by Tab in
 * order), each step's state in words and a mark (never colour alone), the same as a list for screen
 * readers and printing, and a plain-language version the person can take home.
 */
export function MapPage() {
  const { t } = useTranslation('pathway');
  const id = useParams().clientId!;
  const { data: record, error, needsReason, open, reload } = useRecordRead<ClientPathway>(`/clients/${id}`);
  const [plain, setPlain] = useState(false);
  if (needsReason) return <ReasonForm error={error} onReason={(reason) => void open(reason)} />;
  if (!record)
    return error ? (
      <>
        <PageTitle>{t('map.title')}</PageTitle>
        <LoadFailed error={error} onRetry={() => void reload()} />
      </>
    ) : (
      <Loading />
    );
  const steps = mapSteps(record);
  const byId = new Map(steps.map((step) => [step.id, step]));
  return (
    <>
      <PageTitle>{plain ? t('plain.title') : t('map.title')}</PageTitle>
      <p className="button-group no-print">
        <Link to={`/clients/${id}/pathway`}>{t('backToPathway')}</Link>
        <button type="button" className="secondary" aria-pressed={plain} onClick={() => setPlain(!plain)}>
          {t('plain.toggle')}
        </button>
        <button type="button" onClick={() => window.print()}>
          {t('map.print')}
        </button>
      </p>
      {plain ? (
        <PlainMap steps={steps} />
      ) : (
        <>
          <svg className="pathway-map" viewBox={`0 0 ${WIDTH} ${rows.length * ROW}`} role="group" aria-labelledby="map-caption">
            <title id="map-caption">{t('map.caption')}</title>
            {rows.map((row, rowIndex) =>
              row.map((stepId, index) => {
                const step = byId.get(stepId)!;
                const width = (WIDTH - 10 * (row.length - 1)) / row.length;
                const x = index * (width + 10);
                const y = rowIndex * ROW + 8;
                return (
                  <a key={stepId} href={step.href} aria-label={`${t(`map.steps.${stepId}`)}: ${t(`map.states.${step.state}`)}`}>
                    <rect x={x} y={y} width={width} height={ROW - 26} rx={8} className={`map-step map-${step.state}`} />
                    <text x={x + width / 2} y={y + 24} textAnchor="middle" className="map-step-name">
                      {t(`map.short.${stepId}`)}
                    </text>
                    <text x={x + width / 2} y={y + 46} textAnchor="middle" className="map-step-state">
                      {marks[step.state]} {t(`map.states.${step.state}`)}
                    </text>
                  </a>
                );
              }),
            )}
          </svg>
          <h2>{t('map.asText')}</h2>
          <ol className="map-list">
            {steps.map((step) => (
              <li key={step.id}>
                <a href={step.href}>{t(`map.steps.${step.id}`)}</a>: {marks[step.state]} {t(`map.states.${step.state}`)}
              </li>
            ))}
          </ol>
          <p className="muted">{t('map.legend')}</p>
        </>
      )}
    </>
  );
}

/** The map in plain words, for the person to take home: no record's details, only where they are on the path. */
function PlainMap({ steps }: { steps: MapStep[] }) {
  const { t } = useTranslation('pathway');
  return (
    <section aria-labelledby="plain-heading" className="plain-map">
      <h2 id="plain-heading">{t('plain.heading')}</h2>
      <p>{t('plain.intro')}</p>
      <ol>
        {steps.map((step) => (
          <li key={step.id}>
            <strong>{t(`plain.steps.${step.id}`)}</strong> {t(`plain.states.${step.state}`)}
          </li>
        ))}
      </ol>
      <p>{t('plain.goal')}</p>
    </section>
  );
}
