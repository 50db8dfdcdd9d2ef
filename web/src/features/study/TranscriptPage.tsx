import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, type Shown } from '../../lib/api.ts';
import { useApiQuery } from '../../lib/query.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle, StatusMessage } from '../../ui/ui.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { CheckboxField, SelectField, TextAreaField } from '../../ui/form/fields.tsx';
import { formChecked, formCode, formValue } from '../../lib/forms.ts';
import type { CodebookResponse, MemoInput, SectionsInput, SegmentChange, SegmentInput, TranscriptResponse } from '#shared/api/study.ts';
import { codePointAt, sliceCodePoints } from './files.ts';

type Transcript = Shown<TranscriptResponse>;
type Codebook = Shown<CodebookResponse>;

/**
 * A transcript to code. The text is a read-only text box: select a passage with the mouse, or by
 * keyboard (move with the arrow keys, hold Shift to select), then choose codes and code the selection.
 */
export function TranscriptPage() {
  const { studyId, transcriptId } = useParams();
  const transcript = useApiQuery<Transcript>(`/studies/${studyId}/transcripts/${transcriptId}`);
  const codebook = useApiQuery<Codebook>(`/studies/${studyId}/codebook`);
  return (
    <Loaded query={transcript}>
      {(data) => (
        <Loaded query={codebook}>
          {(codes) => <TranscriptView transcript={data} codebook={codes} onChange={() => void transcript.refetch()} />}
        </Loaded>
      )}
    </Loaded>
  );
}

function TranscriptView({ transcript, codebook, onChange }: { transcript: Transcript; codebook: Codebook; onChange: () => void }) {
  const { t } = useTranslation('study');
  // The selection stays in the text box while focus moves on to the codes: it is read from there when sent (UTF-16 units).
  const box = () => document.querySelector<HTMLTextAreaElement>('textarea[name="transcript"]');
  const selected = () => ({ from: box()?.selectionStart ?? 0, to: box()?.selectionEnd ?? 0 });
  const [status, setStatus] = useState<string | null>(null);
  const names = new Map(codebook.codes.map((code) => [code.id, code.name]));
  const base = `/studies/${transcript.studyId}`;
  const done = (message: string) => {
    setStatus(message);
    onChange();
  };
  const selection = () => {
    const { from, to } = selected();
    return { start: codePointAt(transcript.text, from), end: codePointAt(transcript.text, to) };
  };
  async function code(form: FormData, element: HTMLFormElement) {
    const { start, end } = selection();
    await api('POST', `${base}/transcripts/${transcript.id}/segments`, {
      start,
      end,
      codeIds: codebook.codes.filter((item) => formChecked(form, `code-${item.id}`)).map((item) => item.id),
    } satisfies SegmentInput);
    element.reset();
    done(t('coding.coded', { text: sliceCodePoints(transcript.text, start, end).slice(0, 80) }));
  }
  async function markSection(form: FormData) {
    const { start, end } = selection();
    const sections = [
      ...transcript.sections.filter((section) => section.end <= start || section.start >= end),
      { questionId: formCode(form, 'questionId'), start, end },
    ];
    await api('PUT', `${base}/transcripts/${transcript.id}/sections`, { sections } satisfies SectionsInput);
    done(t('coding.sectionSaved'));
  }
  // Nothing selected is said at the form's first field, where the summary can lead.
  const nothingSelected = (field: string) => (selected().from === selected().to ? [{ name: field, problem: 'selection' }] : []);
  return (
    <>
      <PageTitle>{transcript.name}</PageTitle>
      <p>
        <Link to={`${base}/interviews`}>{t('coding.backToInterviews')}</Link>
        {' · '}
        <Link to={`${base}/codebook`}>{t('codebook.link')}</Link>
      </p>
      <p className="muted">
        {[transcript.participantCode, transcript.organisationType ? t(`organisationTypes.${transcript.organisationType}`) : null]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {status && <StatusMessage>{status}</StatusMessage>}
      <div className="transcript-layout">
        {/* Not the readonly attribute: a browser gives a read-only text box no caret, and selecting by keyboard needs one.
            The text stays as it is: the value is held, and nothing typed is taken. */}
        <TextAreaField
          name="transcript"
          label={t('coding.text')}
          hint={t('coding.textHint')}
          rows={16}
          aria-readonly
          value={transcript.text}
          onChange={() => {}}
        />
      </div>
      {transcript.canEdit && (
        <>
          <section className="panel" aria-labelledby="code-heading">
            <h2 id="code-heading">{t('coding.codeSelection')}</h2>
            {codebook.codes.length === 0 ? (
              <p>{t('coding.noCodes')}</p>
            ) : (
              <Form
                onSubmit={code}
                check={(data) => [
                  ...nothingSelected(`code-${codebook.codes[0].id}`),
                  ...(codebook.codes.some((item) => formChecked(data, `code-${item.id}`))
                    ? []
                    : [{ name: `code-${codebook.codes[0].id}`, problem: 'codes' }]),
                ]}
                errorFields={{ study_participant_withdrawn: `code-${codebook.codes[0].id}` }}
              >
                <fieldset>
                  <legend>{t('coding.codes')}</legend>
                  {codebook.codes.map((item) => (
                    <CheckboxField
                      key={item.id}
                      name={`code-${item.id}`}
                      path="codeIds"
                      label={pathName(codebook, item.id)}
                      messages={{ codes: t('coding.chooseCode'), selection: t('coding.selectFirst') }}
                    />
                  ))}
                </fieldset>
                <SubmitButton>{t('coding.code')}</SubmitButton>
              </Form>
            )}
          </section>
          {transcript.questions.length > 0 && (
            <section className="panel" aria-labelledby="section-heading">
              <h2 id="section-heading">{t('coding.sections')}</h2>
              <Form onSubmit={markSection} check={() => nothingSelected('questionId')}>
                <SelectField
                  name="questionId"
                  label={t('coding.answers')}
                  required
                  options={transcript.questions.map((question) => ({ value: question.id, label: `${question.label} ${question.text}` }))}
                  messages={{ required: t('coding.questionRequired'), selection: t('coding.selectFirst') }}
                />
                <SubmitButton>{t('coding.markSection')}</SubmitButton>
              </Form>
              <ul>
                {transcript.sections.map((section) => {
                  const question = transcript.questions.find((item) => item.id === section.questionId);
                  return (
                    <li key={`${section.start}-${section.end}`}>
                      <Link to={`${base}/questions/${section.questionId}`}>{question?.label}</Link>:{' '}
                      {sliceCodePoints(transcript.text, section.start, section.end).slice(0, 80)}…
                    </li>
                  );
                })}
              </ul>
            </section>
          )}
        </>
      )}
      <section className="panel" aria-labelledby="segments-heading">
        <h2 id="segments-heading">{t('coding.segments')}</h2>
        {transcript.segments.length === 0 ? (
          <p>{t('coding.noSegments')}</p>
        ) : (
          <ol className="segment-list">
            {transcript.segments.map((segment) => (
              <li key={segment.id}>
                <blockquote>{sliceCodePoints(transcript.text, segment.start, segment.end)}</blockquote>
                <p className="muted">
                  {t('coding.segmentBy', { coder: segment.coder, codes: segment.codeIds.map((id) => names.get(id)).join(', ') })}
                  {segment.quotation ? ` · ${t('coding.quotation')}` : ''}
                </p>
                {segment.memo && <p className="preserve">{segment.memo}</p>}
                {segment.own && transcript.canEdit && <SegmentTools base={base} segment={segment} codebook={codebook} onDone={done} />}
              </li>
            ))}
          </ol>
        )}
      </section>
      {transcript.canEdit && (
        <MemoForm
          base={base}
          target="transcript"
          targetId={transcript.id}
          memo={transcript.memo}
          label={t('memos.transcript')}
          onDone={() => done(t('memos.saved'))}
        />
      )}
    </>
  );
}

/** A code named with its parents: Barriers › Language. */
export const pathName = (codebook: Codebook, codeId: string) => {
  const names: string[] = [];
  for (let code = codebook.codes.find((item) => item.id === codeId); code; code = codebook.codes.find((item) => item.id === code!.parentId))
    names.unshift(code.name);
  return names.join(' › ');
};

function SegmentTools({
  base,
  segment,
  codebook,
  onDone,
}: {
  base: string;
  segment: Transcript['segments'][number];
  codebook: Codebook;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation('study');
  async function change(form: FormData) {
    await api('PUT', `${base}/segments/${segment.id}`, {
      codeIds: codebook.codes.filter((item) => formChecked(form, `code-${item.id}`)).map((item) => item.id),
      quotation: formChecked(form, 'quotation'),
    } satisfies SegmentChange);
    onDone(t('coding.changed'));
  }
  return (
    <details>
      <summary>{t('coding.changeSegment')}</summary>
      <Form onSubmit={change}>
        <fieldset>
          <legend>{t('coding.codes')}</legend>
          {codebook.codes.map((item) => (
            <CheckboxField
              key={item.id}
              name={`code-${item.id}`}
              path="codeIds"
              label={pathName(codebook, item.id)}
              defaultChecked={segment.codeIds.includes(item.id)}
            />
          ))}
        </fieldset>
        <CheckboxField
          name="quotation"
          label={t('coding.useAsQuotation')}
          hint={t('coding.quotationHint')}
          defaultChecked={segment.quotation}
        />
        <div className="button-group">
          <SubmitButton>{t('coding.saveSegment')}</SubmitButton>
          <button
            type="button"
            className="secondary"
            onClick={() => void api('DELETE', `${base}/segments/${segment.id}`).then(() => onDone(t('coding.removed')))}
          >
            {t('coding.remove')}
          </button>
        </div>
      </Form>
      <MemoForm
        base={base}
        target="segment"
        targetId={segment.id}
        memo={segment.memo}
        label={t('memos.segment')}
        onDone={() => onDone(t('memos.saved'))}
      />
    </details>
  );
}

/** A memo on a code, segment or transcript; emptied, it is removed. */
export function MemoForm({
  base,
  target,
  targetId,
  memo,
  label,
  onDone,
}: {
  base: string;
  target: MemoInput['target'];
  targetId: string;
  memo: string | null;
  label: string;
  onDone: () => void;
}) {
  const { t } = useTranslation('study');
  return (
    <Form
      onSubmit={async (form) => {
        await api('PUT', `${base}/memos`, { target, targetId, text: formValue(form, 'memo') } satisfies MemoInput);
        onDone();
      }}
    >
      <TextAreaField name="memo" path="text" label={label} hint={t('memos.hint')} rows={3} defaultValue={memo ?? ''} />
      <SubmitButton>{t('memos.save')}</SubmitButton>
    </Form>
  );
}
