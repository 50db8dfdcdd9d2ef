import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, downloadFile, uploadFile } from '../../lib/api.ts';
import { PageTitle, StatusMessage } from '../../ui/ui.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { Field } from '../../ui/form/fields.tsx';

type ImportState = 'uploading' | 'checking' | 'writing' | 'succeeded' | 'rejected' | 'failed';
interface ImportJob {
  id: string;
  state: ImportState;
  done: number;
  total: number;
  summary?: { lines: number; created: number; unchanged: number };
  problemCount?: number;
  problems?: Array<{ line: number; message: string }>;
}

const POLL_MS = 300;
const running = (state: ImportState) => ['uploading', 'checking', 'writing'].includes(state);

/** The register in and out as an exchange file, for administrators, each with a progress bar. */
export function RegisterExchangePage() {
  const { t } = useTranslation('exchange');
  return (
    <>
      <PageTitle>{t('page.title')}</PageTitle>
      <p>{t('page.intro')}</p>
      <ImportSection />
      <ExportSection />
    </>
  );
}

function ImportSection() {
  const { t, i18n } = useTranslation('exchange');
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  // Follow the import on the server until it ends; then move focus to its outcome.
  useEffect(() => {
    if (!job || job.state === 'uploading' || !running(job.state)) return;
    const timer = setTimeout(() => {
      api<ImportJob>('GET', `/exchange/imports/${job.id}`).then(setJob, (caught) => {
        setJob(null);
        setError(caught);
      });
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job]);
  useEffect(() => {
    if (job && !running(job.state)) resultRef.current?.focus();
  }, [job?.state]);

  async function start(form: FormData) {
    setError(null);
    const file = form.get('file') as File;
    setJob({ id: '', state: 'uploading', done: 0, total: file.size });
    try {
      const started = await uploadFile<ImportJob>('/exchange/imports', file, 'application/x-ndjson', (sent, total) =>
        setJob({ id: '', state: 'uploading', done: sent, total }),
      );
      setJob(started);
    } catch (caught) {
      setJob(null);
      throw caught;
    }
  }

  const number = (n: number) => n.toLocaleString(`${i18n.language}-FI`);
  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">{t('page.importHeading')}</h2>
      <p>{t('page.importHelp')}</p>
      {/* A file input always holds a File, empty when none was chosen: the form checks its size. */}
      <Form onSubmit={start} check={(form) => ((form.get('file') as File | null)?.size ? [] : [{ name: 'file', problem: 'required' }])}>
        <Field
          label={t('page.file')}
          hint={t('page.fileHint')}
          name="file"
          type="file"
          accept=".ndjson,.jsonl,application/x-ndjson"
          disabled={job !== null && running(job.state)}
          messages={{ required: t('page.chooseFile') }}
        />
        <SubmitButton>{t('page.import')}</SubmitButton>
      </Form>
      <Problem error={error} />
      {job && running(job.state) && (
        <Progress
          label={t(`page.state.${job.state}`)}
          done={job.done}
          total={job.total}
          unit={job.state === 'uploading' ? 'bytes' : 'lines'}
        />
      )}
      {job && !running(job.state) && (
        <div ref={resultRef} tabIndex={-1}>
          {job.state === 'succeeded' && job.summary && (
            <StatusMessage>
              {t('page.imported', {
                lines: number(job.summary.lines),
                created: number(job.summary.created),
                unchanged: number(job.summary.unchanged),
              })}
            </StatusMessage>
          )}
          {job.state === 'rejected' && (
            <div className="alert alert-error" role="alert">
              <p>{t('page.rejected', { count: job.problemCount ?? 0, number: number(job.problemCount ?? 0) })}</p>
              <ul className="problems">
                {job.problems?.map((problem) => (
                  <li key={`${problem.line}:${problem.message}`}>{problem.message}</li>
                ))}
              </ul>
              {(job.problemCount ?? 0) > (job.problems?.length ?? 0) && (
                <p>{t('page.moreProblems', { shown: number(job.problems!.length), count: number(job.problemCount!) })}</p>
              )}
            </div>
          )}
          {job.state === 'failed' && (
            <div className="alert alert-error" role="alert">
              <p>{t('page.failed')}</p>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function ExportSection() {
  const { t } = useTranslation('exchange');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [saved, setSaved] = useState<{ fileName: string; omitted: number } | null>(null);
  const [error, setError] = useState<Error | null>(null);

  async function exportRegister() {
    setError(null);
    setSaved(null);
    setProgress({ done: 0, total: 0 });
    try {
      const { blob, fileName, headers } = await downloadFile('/exchange/export', (done, total) => setProgress({ done, total }));
      const url = URL.createObjectURL(blob);
      const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setSaved({ fileName, omitted: Number(headers.get('x-polku-omitted')) || 0 });
    } catch (caught) {
      setError(caught as Error);
    } finally {
      setProgress(null);
    }
  }

  return (
    <section aria-labelledby="export-heading">
      <h2 id="export-heading">{t('page.exportHeading')}</h2>
      <p>{t('page.exportHelp')}</p>
      <button type="button" onClick={() => void exportRegister()} disabled={progress !== null}>
        {t('page.export')}
      </button>
      {progress && <Progress label={t('page.state.downloading')} done={progress.done} total={progress.total} unit="bytes" />}
      {saved && (
        <StatusMessage>
          {t('page.exported', { file: saved.fileName })}
          {saved.omitted > 0 && <> {t('page.omitted', { count: saved.omitted })}</>}
        </StatusMessage>
      )}
      <Problem error={error} />
    </section>
  );
}

/** What went wrong after the form was sent (following the import, saving the export). */
function Problem({ error }: { error: Error | null }) {
  return error ? (
    <div className="alert alert-error" role="alert">
      <p>{error.message}</p>
    </div>
  ) : null;
}

/** A labelled progress bar with the amount in words; the phase is announced, the numbers are not. */
function Progress({ label, done, total, unit }: { label: string; done: number; total: number; unit: 'bytes' | 'lines' }) {
  const { t, i18n } = useTranslation('exchange');
  const id = useId();
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : null;
  const amount =
    unit === 'bytes'
      ? t('page.megabytes', {
          done: (done / 1e6).toLocaleString(`${i18n.language}-FI`, { maximumFractionDigits: 1 }),
          total: (total / 1e6).toLocaleString(`${i18n.language}-FI`, { maximumFractionDigits: 1 }),
        })
      : t('page.lines', { done: done.toLocaleString(`${i18n.language}-FI`), total: total.toLocaleString(`${i18n.language}-FI`) });
  return (
    <div className="progress">
      <p id={id} role="status">
        {label}
      </p>
      <progress aria-labelledby={id} aria-describedby={`${id}-amount`} value={percent ?? undefined} max={100}>
        {percent === null ? '' : `${percent} %`}
      </progress>
      <p id={`${id}-amount`} className="hint">
        {total > 0 ? `${amount} (${percent} %)` : ''}
      </p>
    </div>
  );
}
