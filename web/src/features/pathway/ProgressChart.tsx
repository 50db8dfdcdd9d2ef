import { useTranslation } from 'react-i18next';
import { progressAreas } from '#shared/pathwayCodes.ts';
import { formatDate } from '../../ui/ui.tsx';

interface Reading {
  id?: string;
  readOn?: string;
  scores?: Record<string, number>;
}

const ROW = 34;
const LABEL = 150;
const UNIT = 20;

/**
 * Each area's first reading beside its latest, as bars on the 1–10 scale. The drawing is an image
 * with a name; its text alternative is the table of every reading beside it.
 */
export function ProgressChart({ readings }: { readings: Reading[] }) {
  const { t, i18n } = useTranslation('pathway');
  const first = readings[0];
  const latest = readings[readings.length - 1];
  const width = LABEL + UNIT * 10 + 40;
  const height = ROW * progressAreas.length + 40;
  const name = t('progress.chartName', {
    first: formatDate(first.readOn!, i18n.language),
    latest: formatDate(latest.readOn!, i18n.language),
  });
  return (
    <figure className="progress-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={name} className="progress-svg">
        {progressAreas.map((area, index) => {
          const y = 10 + index * ROW;
          const before = first.scores?.[area];
          const now = latest.scores?.[area];
          return (
            <g key={area}>
              <text x={0} y={y + 16} className="chart-label">
                {t(`areas.${area}`)}
              </text>
              {before !== undefined && <rect x={LABEL} y={y + 2} width={before * UNIT} height={10} className="chart-first" />}
              {now !== undefined && <rect x={LABEL} y={y + 14} width={now * UNIT} height={12} className="chart-latest" />}
              {now !== undefined && (
                <text x={LABEL + now * UNIT + 4} y={y + 25} className="chart-value">
                  {now}
                </text>
              )}
            </g>
          );
        })}
        <line x1={LABEL} x2={LABEL} y1={0} y2={height - 30} className="chart-axis" />
      </svg>
      <figcaption>
        <span className="chart-key chart-key-first" aria-hidden="true" />{' '}
        {t('progress.first', { date: formatDate(first.readOn!, i18n.language) })}{' '}
        <span className="chart-key chart-key-latest" aria-hidden="true" />{' '}
        {t('progress.latest', { date: formatDate(latest.readOn!, i18n.language) })}
      </figcaption>
    </figure>
  );
}
