import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import i18n from '../../lib/i18n.ts';
import { api, type Shown } from '../../lib/api.ts';
import { useApiQuery } from '../../lib/query.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle, StatusMessage, formatDate } from '../../ui/ui.tsx';
import { ScrollingTable } from '../../ui/ScrollingTable.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { SelectField, TextAreaField } from '../../ui/form/fields.tsx';
import { cellLabel, lastReportYear, tableIds, type TableId } from '#shared/statisticsTables.ts';
import type { PublishBody, ReleasePreviewResponse, ReleaseResponse } from '#shared/api/statistics.ts';

type Preview = Shown<ReleasePreviewResponse>;
type Cells = Record<string, number | null>;

/** The years that can be published: those that are over, back to the assistance system's first (2006). */
const years = Array.from({ length: lastReportYear() - 2006 }, (_, i) => String(lastReportYear() - 1 - i));

/**
 * The director publishes a year's statistics: first the form that would be public beside the
 * internal one (and, for a correction, beside the release now public), then a confirmation that
 * says what becomes public and that a release is never changed afterwards.
 */
export function PublishPage() {
  const { t } = useTranslation('statistics');
  const [year, setYear] = useState('');
  const [asked, setAsked] = useState<string | null>(null);
  const [published, setPublished] = useState<{ year: number; version: number } | null>(null);
  const preview = useApiQuery<ReleasePreviewResponse>(asked ? `/statistics/annual/${asked}/release-preview` : null);
  const queries = useQueryClient();

  return (
    <div className="statistics">
      <PageTitle>{t('publishTitle')}</PageTitle>
      <p>{t('publishIntro')}</p>
      <p>
        <Link to="/statistics">{t('backToStatistics')}</Link>
      </p>
      {published && <StatusMessage>{t('publishedMessage', published)}</StatusMessage>}
      <form
        className="statistics-controls"
        onSubmit={(event) => {
          event.preventDefault();
          setPublished(null);
          setAsked(year || null);
        }}
      >
        <SelectField
          label={t('year')}
          name="publishYear"
          placeholder={t('chooseYear')}
          value={year}
          onChange={(event) => setYear(event.target.value)}
          options={years.map((y) => ({ value: y, label: y }))}
        />
        <div className="statistics-actions">
          <button type="submit">{t('showPreview')}</button>
        </div>
      </form>
      {asked && (
        <Loaded query={preview} loading={t('loading')}>
          {(loaded) => (
            <PreviewView
              preview={loaded as Preview}
              onPublish={async (body) => {
                const release = await api<ReleaseResponse>('POST', `/statistics/annual/${asked}/releases`, body);
                setPublished({ year: release.year!, version: release.version! });
                setAsked(null);
                await queries.invalidateQueries();
              }}
            />
          )}
        </Loaded>
      )}
    </div>
  );
}

function PreviewView({ preview, onPublish }: { preview: Preview; onPublish: (body: PublishBody) => Promise<void> }) {
  const { t } = useTranslation('statistics');
  const current = preview.current as Shown<ReleaseResponse> | null;
  const hidden = tableIds.reduce(
    (n, id) => n + Object.values((preview.published[id]?.cells ?? {}) as Cells).filter((v) => v === null).length,
    0,
  );
  return (
    <section aria-labelledby="preview-title">
      <h2 id="preview-title">{t(current ? 'previewCorrectionTitle' : 'previewTitle', { year: preview.year })}</h2>
      <div className="notice">
        <p>{t('previewPublic', { hidden })}</p>
        {current && <p>{t('previewSupersedes', { version: current.version, date: formatDate(current.publishedAt, i18n.language) })}</p>}
      </div>
      <Form
        onSubmit={(data) =>
          onPublish({ fingerprint: preview.fingerprint, ...(current ? { reason: String(data.get('reason') ?? '') } : {}) })
        }
        confirm={() => ({
          title: t('confirmTitle', { year: preview.year }),
          body: <p>{t('confirmBody')}</p>,
          confirmLabel: t(current ? 'publishCorrection' : 'publish'),
        })}
      >
        {current && (
          <TextAreaField
            label={t('reason')}
            hint={t('reasonHint')}
            name="reason"
            required
            rows={3}
            messages={{ required: t('reasonRequired') }}
          />
        )}
        <SubmitButton>{t(current ? 'publishCorrection' : 'publish')}</SubmitButton>
      </Form>
      {tableIds.map((id) => (
        <PreviewTable
          key={id}
          id={id}
          internal={preview.internal[id]?.cells as Cells}
          published={preview.published[id]?.cells as Cells}
          now={current?.tables[id]?.cells as Cells | undefined}
        />
      ))}
    </section>
  );
}

/** One table: each category's internal count beside what would be public (and what is public now). */
function PreviewTable({ id, internal, published, now }: { id: TableId; internal: Cells; published: Cells; now?: Cells }) {
  const { t } = useTranslation('statistics');
  const label = (key: string) => t(key.replace(/^statistics\./, ''));
  const cells = [...new Set([...Object.keys(published ?? {}), ...Object.keys(internal ?? {})])];
  const shown = (value: number | null | undefined) =>
    value === null ? (
      <>
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">{t('hidden')}</span>
      </>
    ) : (
      (value ?? 0)
    );
  return (
    <section aria-labelledby={`preview-${id}`} className="statistics-table">
      <h3 id={`preview-${id}`}>{t(`tables.${id}`)}</h3>
      <ScrollingTable caption={t(`tables.${id}`)} captionHidden landmark={false}>
        <thead>
          <tr>
            <th scope="col">{t('category')}</th>
            <th scope="col" className="number">
              {t('internalColumn')}
            </th>
            <th scope="col" className="number">
              {t('publicColumn')}
            </th>
            {now && (
              <th scope="col" className="number">
                {t('nowPublicColumn')}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {cells.map((cell) => (
            <tr key={cell}>
              <th scope="row">{cellLabel(label, i18n.language, id, cell)}</th>
              <td className="number">{cell in (internal ?? {}) ? internal[cell] : ''}</td>
              <td className="number">{cell in (published ?? {}) ? shown(published[cell]) : ''}</td>
              {now && <td className="number">{cell in now ? shown(now[cell]) : ''}</td>}
            </tr>
          ))}
        </tbody>
      </ScrollingTable>
    </section>
  );
}
