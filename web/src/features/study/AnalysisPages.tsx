import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, type Shown } from '../../lib/api.ts';
import { useApiQuery } from '../../lib/query.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle } from '../../ui/ui.tsx';
import { ScrollingTable } from '../../ui/ScrollingTable.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { SelectField } from '../../ui/form/fields.tsx';
import { formCode } from '../../lib/forms.ts';
import type {
  AgreementResponse,
  CellResponse,
  CodersResponse,
  InterviewsResponse,
  MatrixResponse,
  ReportResponse,
  StudyResponse,
} from '#shared/api/study.ts';

const percent = (value: number, language: string) => new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value);
const kappa = (value: number, language: string) =>
  new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);

/** Two coders on one transcript: agreement per code, and where they differ, side by side. */
export function AgreementPage() {
  const { t, i18n } = useTranslation('study');
  const { studyId } = useParams();
  const study = useApiQuery<Shown<StudyResponse>>(`/studies/${studyId}`);
  const coders = useApiQuery<Shown<CodersResponse>>(`/studies/${studyId}/coders`);
  const interviews = useApiQuery<Shown<InterviewsResponse>>(`/studies/${studyId}/interviews`);
  const [result, setResult] = useState<Shown<AgreementResponse> | null>(null);
  return (
    <Loaded query={study}>
      {(data) => (
        <>
          <PageTitle>{t('agreement.title')}</PageTitle>
          <p>
            <Link to={`/studies/${data.id}`}>{t('guide.back', { study: data.title })}</Link>
          </p>
          <p>{t('agreement.method')}</p>
          <Loaded query={coders}>
            {(coderList) => (
              <Loaded query={interviews}>
                {(interviewList) => (
                  <Form
                    onSubmit={async (form) => {
                      const query = new URLSearchParams({
                        transcriptId: formCode(form, 'transcriptId'),
                        coderA: formCode(form, 'coderA'),
                        coderB: formCode(form, 'coderB'),
                      });
                      setResult(await api<Shown<AgreementResponse>>('GET', `/studies/${data.id}/agreement?${query}`));
                    }}
                    check={(form) =>
                      form.get('coderA') && form.get('coderA') === form.get('coderB') ? [{ name: 'coderB', problem: 'same' }] : []
                    }
                  >
                    <SelectField
                      name="transcriptId"
                      label={t('agreement.transcript')}
                      required
                      options={interviewList.flatMap((interview) =>
                        interview.transcript ? [{ value: interview.transcript.id, label: interview.transcript.name }] : [],
                      )}
                      messages={{ required: t('agreement.transcriptRequired') }}
                    />
                    {(['coderA', 'coderB'] as const).map((name) => (
                      <SelectField
                        key={name}
                        name={name}
                        label={t(`agreement.${name}`)}
                        required
                        options={coderList.map((coder) => ({ value: coder.id, label: coder.name }))}
                        messages={{ required: t('agreement.coderRequired'), same: t('agreement.sameCoder') }}
                      />
                    ))}
                    <SubmitButton>{t('agreement.compare')}</SubmitButton>
                  </Form>
                )}
              </Loaded>
            )}
          </Loaded>
          {result && (
            <section aria-labelledby="agreement-result">
              <h2 id="agreement-result">{t('agreement.result', { transcript: result.name })}</h2>
              {result.codes.length === 0 ? (
                <p>{t('agreement.noCodings')}</p>
              ) : (
                <ScrollingTable caption={t('agreement.caption', { a: result.coderA, b: result.coderB })}>
                  <thead>
                    <tr>
                      <th scope="col">{t('agreement.code')}</th>
                      <th scope="col">{t('agreement.percentage')}</th>
                      <th scope="col">{t('agreement.kappa')}</th>
                      <th scope="col">{t('agreement.both')}</th>
                      <th scope="col">{t('agreement.onlyA', { a: result.coderA })}</th>
                      <th scope="col">{t('agreement.onlyB', { b: result.coderB })}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.codes.map((code) => (
                      <tr key={code.codeId}>
                        <th scope="row">{code.name}</th>
                        <td>{percent(code.percentage, i18n.language)} %</td>
                        <td>{kappa(code.kappa, i18n.language)}</td>
                        <td>{code.both}</td>
                        <td>{code.codedByA - code.both}</td>
                        <td>{code.codedByB - code.both}</td>
                      </tr>
                    ))}
                  </tbody>
                </ScrollingTable>
              )}
              <h3>{t('agreement.disagreements')}</h3>
              {result.disagreements.length === 0 ? (
                <p>{t('agreement.noDisagreements')}</p>
              ) : (
                <ScrollingTable caption={t('agreement.disagreements')} captionHidden>
                  <thead>
                    <tr>
                      <th scope="col">{t('agreement.code')}</th>
                      <th scope="col">{result.coderA}</th>
                      <th scope="col">{result.coderB}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.disagreements.map((span) => (
                      <tr key={`${span.codeId}-${span.start}`}>
                        <th scope="row">{span.name}</th>
                        <td>{span.codedBy === 'a' ? span.text : '—'}</td>
                        <td>{span.codedBy === 'b' ? span.text : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </ScrollingTable>
              )}
            </section>
          )}
        </>
      )}
    </Loaded>
  );
}

/** Themes × organisation types: segments and participants per cell, each cell opening its quotations. */
export function MatrixPage() {
  const { t } = useTranslation('study');
  const { studyId } = useParams();
  const matrix = useApiQuery<Shown<MatrixResponse>>(`/studies/${studyId}/matrix`);
  const [cell, setCell] = useState<Shown<CellResponse> | null>(null);
  return (
    <Loaded query={matrix}>
      {(data) => (
        <>
          <PageTitle>{t('matrix.title')}</PageTitle>
          <p>
            <Link to={`/studies/${studyId}`}>{t('guide.back', { study: data.studyTitle })}</Link>
          </p>
          {data.themes.length === 0 ? (
            <p>{t('matrix.none')}</p>
          ) : (
            <ScrollingTable caption={t('matrix.caption')}>
              <thead>
                <tr>
                  <th scope="col">{t('matrix.theme')}</th>
                  {data.organisationTypes.map((type) => (
                    <th scope="col" key={type}>
                      {t(`organisationTypes.${type}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.themes.map((theme) => (
                  <tr key={theme.id}>
                    <th scope="row">
                      {theme.name}
                      {theme.researchQuestion ? ` (${theme.researchQuestion})` : ''}
                    </th>
                    {data.organisationTypes.map((type) => {
                      const found = data.cells.find((item) => item.themeId === theme.id && item.organisationType === type)!;
                      return (
                        <td key={type}>
                          {found.segments === 0 ? (
                            '0'
                          ) : (
                            <button
                              type="button"
                              className="link"
                              onClick={() =>
                                void api<Shown<CellResponse>>(
                                  'GET',
                                  `/studies/${studyId}/matrix/cell?themeId=${theme.id}&organisationType=${type}`,
                                ).then(setCell)
                              }
                            >
                              {t('matrix.cell', {
                                segments: found.segments,
                                participants: found.participants,
                                theme: theme.name,
                                type: t(`organisationTypes.${type}`),
                              })}
                            </button>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </ScrollingTable>
          )}
          {cell && (
            <section aria-labelledby="cell-heading" className="panel">
              <h2 id="cell-heading" tabIndex={-1} ref={(heading) => heading?.focus()}>
                {t('matrix.quotations', { theme: cell.theme, type: t(`organisationTypes.${cell.organisationType}`) })}
              </h2>
              <ul className="quotations">
                {cell.segments.map((segment) => (
                  <li key={segment.segmentId}>
                    <blockquote>{segment.text}</blockquote>
                    <p className="muted">
                      {t('matrix.quotedFrom', {
                        code: segment.participantCode ?? '—',
                        type: segment.organisationType ? t(`organisationTypes.${segment.organisationType}`) : '—',
                      })}{' '}
                      · {segment.codes.join(', ')}
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </Loaded>
  );
}

/** The report per research question, to print: themes with quotations, each quotation with the participant's code and organisation type. */
export function ReportPage() {
  const { t } = useTranslation('study');
  const { studyId } = useParams();
  const report = useApiQuery<Shown<ReportResponse>>(`/studies/${studyId}/report`);
  return (
    <Loaded query={report}>
      {(data) => (
        <article className="printable-guide">
          <PageTitle>{t('report.title', { study: data.studyTitle })}</PageTitle>
          <p className="no-print">
            <Link to={`/studies/${studyId}`}>{t('guide.back', { study: data.studyTitle })}</Link>{' '}
            <button type="button" onClick={() => window.print()}>
              {t('guide.print')}
            </button>
          </p>
          {data.researchQuestions.map((question) => (
            <section key={question.label} aria-labelledby={`rq-${question.label}`}>
              <h2 id={`rq-${question.label}`}>
                {question.label}: {question.text}
              </h2>
              {question.themes.length === 0 && <p>{t('report.noThemes')}</p>}
              {question.themes.map((theme) => (
                <section key={theme.id} aria-labelledby={`theme-${theme.id}`}>
                  <h3 id={`theme-${theme.id}`}>{theme.name}</h3>
                  {theme.description && <p>{theme.description}</p>}
                  <p className="muted">{t('report.counts', { segments: theme.segments, participants: theme.participants })}</p>
                  {theme.quotations.map((quotation, index) => (
                    <figure key={index} className="quotation">
                      <blockquote>{quotation.text}</blockquote>
                      <figcaption>
                        {t('matrix.quotedFrom', {
                          code: quotation.participantCode ?? '—',
                          type: quotation.organisationType ? t(`organisationTypes.${quotation.organisationType}`) : '—',
                        })}
                      </figcaption>
                    </figure>
                  ))}
                  {theme.withheld > 0 && <p className="muted">{t('report.withheld', { count: theme.withheld })}</p>}
                </section>
              ))}
            </section>
          ))}
        </article>
      )}
    </Loaded>
  );
}
