import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, downloadFile, type Shown } from '../../lib/api.ts';
import { StatusMessage } from '../../ui/ui.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { Field } from '../../ui/form/fields.tsx';
import type { CodebookImportResponse, ProjectImportResponse } from '#shared/api/study.ts';
import { fileBody } from './files.ts';

/** Saves a download from the API under the name the server gives; the file stays in memory until saved. */
async function save(url: string) {
  const { blob, fileName } = await downloadFile(url, () => {});
  const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(blob), download: fileName });
  link.click();
  URL.revokeObjectURL(link.href);
}

const hasFile = (data: FormData) => ((data.get('file') as File | null)?.size ? [] : [{ name: 'file', problem: 'required' }]);

/** What an import could not take, one line per kind and name. */
function NotTaken({ items }: { items: Array<{ kind: string; name: string; count: number }> }) {
  const { t } = useTranslation('study');
  if (items.length === 0) return <p>{t('exchange.allTaken')}</p>;
  return (
    <>
      <p>{t('exchange.notTakenIntro')}</p>
      <ul>
        {items.map((item) => (
          <li key={`${item.kind}-${item.name}`}>{t(`exchange.notTaken.${item.kind}`, { name: item.name, count: item.count })}</li>
        ))}
      </ul>
    </>
  );
}

/** The study out as REFI-QDA (QDPX project, QDC codebook) and the coded segments as CSV; a codebook in from another tool. */
export function ExchangeSection({ studyId, canEdit }: { studyId: string; canEdit: boolean }) {
  const { t } = useTranslation('study');
  const [report, setReport] = useState<Shown<CodebookImportResponse> | null>(null);
  return (
    <section aria-labelledby="exchange-heading" className="panel">
      <h2 id="exchange-heading">{t('exchange.title')}</h2>
      <p>{t('exchange.intro')}</p>
      <div className="button-group">
        <button type="button" className="secondary" onClick={() => void save(`/studies/${studyId}/export.qdpx`)}>
          {t('exchange.qdpx')}
        </button>
        <button type="button" className="secondary" onClick={() => void save(`/studies/${studyId}/codebook.qdc`)}>
          {t('exchange.qdc')}
        </button>
        <button type="button" className="secondary" onClick={() => void save(`/studies/${studyId}/segments.csv?separator=semicolon`)}>
          {t('exchange.csvSemicolon')}
        </button>
        <button type="button" className="secondary" onClick={() => void save(`/studies/${studyId}/segments.csv`)}>
          {t('exchange.csv')}
        </button>
      </div>
      {canEdit && (
        <>
          <h3 id="qdc-heading">{t('exchange.importQdc')}</h3>
          <Form
            aria-labelledby="qdc-heading"
            check={hasFile}
            errorFields={{ study_import_not_qdc: 'file' }}
            onSubmit={async (form) =>
              setReport(
                await api<Shown<CodebookImportResponse>>(
                  'POST',
                  `/studies/${studyId}/codebook.qdc`,
                  await fileBody(form.get('file') as File),
                ),
              )
            }
          >
            <Field
              name="file"
              type="file"
              accept=".qdc"
              label={t('exchange.qdcFile')}
              required
              path="contentBase64"
              messages={{ required: t('exchange.fileRequired') }}
            />
            <SubmitButton>{t('exchange.importQdcButton')}</SubmitButton>
          </Form>
          {report && (
            <>
              <StatusMessage>{t('exchange.qdcImported', { count: report.codes })}</StatusMessage>
              <NotTaken items={report.notTaken} />
            </>
          )}
        </>
      )}
    </section>
  );
}

/** A QDPX project from NVivo, ATLAS.ti, MAXQDA, QualCoder or Polku, imported as a new study; then what it could not take. */
export function ProjectImport() {
  const { t } = useTranslation('study');
  const navigate = useNavigate();
  const [report, setReport] = useState<Shown<ProjectImportResponse> | null>(null);
  return (
    <section aria-labelledby="qdpx-heading" className="panel narrow">
      <h2 id="qdpx-heading">{t('exchange.importQdpx')}</h2>
      <p>{t('exchange.importQdpxHint')}</p>
      <Form
        aria-labelledby="qdpx-heading"
        check={hasFile}
        errorFields={{ study_import_not_qdpx: 'file', file_unpacks_too_large: 'file' }}
        onSubmit={async (form) =>
          setReport(await api<Shown<ProjectImportResponse>>('POST', '/studies/imports', await fileBody(form.get('file') as File)))
        }
      >
        <Field
          name="file"
          type="file"
          accept=".qdpx"
          label={t('exchange.qdpxFile')}
          required
          path="contentBase64"
          messages={{ required: t('exchange.fileRequired') }}
        />
        <SubmitButton>{t('exchange.importQdpxButton')}</SubmitButton>
      </Form>
      {report && (
        <>
          <StatusMessage>{t('exchange.qdpxImported', report.taken)}</StatusMessage>
          <NotTaken items={report.notTaken} />
          <button type="button" onClick={() => void navigate(`/studies/${report.studyId}`)}>
            {t('exchange.openImported')}
          </button>
        </>
      )}
    </section>
  );
}
