import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, type Shown } from '../../lib/api.ts';
import { useApiQuery } from '../../lib/query.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle, StatusMessage, formatDate } from '../../ui/ui.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { CheckboxField, DateField, Field, SelectField } from '../../ui/form/fields.tsx';
import { formCode, formCodeOrNull, formDay, formWholeNumber } from '../../lib/forms.ts';
import type {
  InterviewInput,
  InterviewsResponse,
  ParticipantsResponse,
  PreviewResponse,
  StudyResponse,
  TranscriptInput,
} from '#shared/api/study.ts';
import { fileBody } from './files.ts';

type Interview = Shown<InterviewsResponse>[number];
type Study = Shown<StudyResponse>;
const modes = ['in_person', 'video', 'phone'] as const;

/** The study's interviews: when, how, by whom, how long, with which guide; each with its transcript, or a way to import it. */
export function InterviewsPage() {
  const { t, i18n } = useTranslation('study');
  const { studyId } = useParams();
  const study = useApiQuery<Study>(`/studies/${studyId}`);
  const interviews = useApiQuery<Shown<InterviewsResponse>>(`/studies/${studyId}/interviews`);
  const [status, setStatus] = useState<string | null>(null);
  const changed = (message: string) => {
    setStatus(message);
    void interviews.refetch();
  };
  return (
    <Loaded query={study}>
      {(data) => (
        <>
          <PageTitle>{t('interviews.title', { study: data.title })}</PageTitle>
          <p>
            <Link to={`/studies/${data.id}`}>{t('guide.back', { study: data.title })}</Link>
          </p>
          {status && <StatusMessage>{status}</StatusMessage>}
          <Loaded query={interviews}>
            {(list) =>
              list.length === 0 ? (
                <p>{t('interviews.none')}</p>
              ) : (
                <ul className="participant-list">
                  {list.map((interview) => (
                    <li key={interview.id}>
                      <section className="panel" aria-labelledby={`interview-${interview.id}`}>
                        <h2 id={`interview-${interview.id}`}>
                          {t('interviews.heading', { code: interview.participantCode, day: formatDate(interview.heldOn, i18n.language) })}
                        </h2>
                        <p>
                          {[
                            t(`organisationTypes.${interview.organisationType}`),
                            t(`interviews.modes.${interview.mode}`),
                            interview.interviewer,
                            interview.lengthMinutes ? t('interviews.minutes', { count: interview.lengthMinutes }) : null,
                            interview.guideTitle
                              ? t('interviews.guideUsed', { guide: interview.guideTitle, version: interview.guideVersion })
                              : null,
                          ]
                            .filter(Boolean)
                            .join(' · ')}
                        </p>
                        {interview.transcript ? (
                          <p>
                            <Link to={`/studies/${data.id}/transcripts/${interview.transcript.id}`}>
                              {t('interviews.openTranscript', { code: interview.participantCode })}
                            </Link>{' '}
                            <span className="muted">{t('interviews.replaced', { count: interview.transcript.replacements })}</span>
                          </p>
                        ) : (
                          data.canEdit && (
                            <details>
                              <summary>{t('transcripts.import', { code: interview.participantCode })}</summary>
                              <TranscriptImport
                                studyId={data.id}
                                interview={interview}
                                onSaved={() => changed(t('transcripts.saved', { code: interview.participantCode }))}
                              />
                            </details>
                          )
                        )}
                      </section>
                    </li>
                  ))}
                </ul>
              )
            }
          </Loaded>
          {data.canEdit && <NewInterview study={data} onAdded={() => changed(t('interviews.added'))} />}
        </>
      )}
    </Loaded>
  );
}

function NewInterview({ study, onAdded }: { study: Study; onAdded: () => void }) {
  const { t } = useTranslation('study');
  const participants = useApiQuery<Shown<ParticipantsResponse>>(`/studies/${study.id}/participants`);
  async function add(form: FormData, element: HTMLFormElement) {
    await api('POST', `/studies/${study.id}/interviews`, {
      participantId: formCode(form, 'participantId'),
      heldOn: formDay(form, 'heldOn'),
      mode: formCode<InterviewInput['mode']>(form, 'mode'),
      interviewerId: formCodeOrNull(form, 'interviewerId'),
      lengthMinutes: formWholeNumber(form, 'lengthMinutes'),
      guideId: formCodeOrNull(form, 'guideId'),
    } satisfies InterviewInput);
    element.reset();
    onAdded();
  }
  return (
    <section aria-labelledby="new-interview" className="panel narrow">
      <h2 id="new-interview">{t('interviews.new')}</h2>
      <Loaded query={participants}>
        {(list) => (
          <Form onSubmit={add}>
            <SelectField
              label={t('interviews.participant')}
              name="participantId"
              required
              options={list
                .filter((p) => !p.withdrawal)
                .map((p) => ({ value: p.id, label: `${p.code} (${t(`organisationTypes.${p.organisationType}`)})` }))}
              messages={{ required: t('interviews.participantRequired') }}
            />
            <DateField label={t('interviews.heldOn')} name="heldOn" required messages={{ required: t('interviews.heldOnRequired') }} />
            <SelectField
              label={t('interviews.mode')}
              name="mode"
              required
              options={modes.map((mode) => ({ value: mode, label: t(`interviews.modes.${mode}`) }))}
              messages={{ required: t('interviews.modeRequired') }}
            />
            <SelectField
              label={t('interviews.interviewer')}
              name="interviewerId"
              options={study.team.map((member) => ({ value: member.id, label: member.displayName }))}
            />
            <Field label={t('interviews.length')} name="lengthMinutes" kind="wholeNumber" autoComplete="off" />
            <SelectField
              label={t('interviews.guide')}
              name="guideId"
              options={study.guides.map((guide) => ({
                value: guide.id,
                label: t('interviews.guideOption', { guide: guide.title, version: guide.version }),
              }))}
            />
            <SubmitButton>{t('interviews.add')}</SubmitButton>
          </Form>
        )}
      </Loaded>
    </section>
  );
}

const fileErrors = {
  study_transcript_type: 'file',
  study_transcript_not_utf8: 'file',
  file_content_mismatch: 'file',
  file_too_large: 'file',
  file_unpacks_too_large: 'file',
  file_name_not_allowed: 'file',
  import_empty: 'file',
};

/**
 * Importing a transcript in two steps: the file is read and its names proposed for replacement; the
 * researcher keeps, changes or drops each proposal, and only then is the text saved.
 */
function TranscriptImport({ studyId, interview, onSaved }: { studyId: string; interview: Interview; onSaved: () => void }) {
  const { t } = useTranslation('study');
  const [file, setFile] = useState<{ fileName: string; contentBase64: string } | null>(null);
  const [preview, setPreview] = useState<Shown<PreviewResponse> | null>(null);
  async function read(form: FormData) {
    const body = await fileBody(form.get('file') as File);
    setPreview(await api<Shown<PreviewResponse>>('POST', `/studies/${studyId}/transcripts/preview`, body));
    setFile(body);
  }
  async function save(form: FormData) {
    await api('POST', `/studies/${studyId}/transcripts`, {
      interviewId: interview.id,
      ...file!,
      replacements: preview!.proposals
        .map((proposal, index) => ({
          kind: proposal.kind as TranscriptInput['replacements'][number]['kind'],
          term: proposal.term,
          replacement: String(form.get(`code-${index}`) ?? '').trim(),
          keep: form.get(`keep-${index}`) === 'on',
        }))
        .filter((item) => item.keep && item.replacement)
        .map(({ kind, term, replacement }) => ({ kind, term, replacement })),
    } satisfies TranscriptInput);
    onSaved();
  }
  if (!preview)
    return (
      <Form
        onSubmit={read}
        errorFields={fileErrors}
        check={(data) => ((data.get('file') as File | null)?.size ? [] : [{ name: 'file', problem: 'required' }])}
      >
        <Field
          name="file"
          type="file"
          label={t('transcripts.file')}
          hint={t('transcripts.fileHint')}
          required
          accept=".txt,.docx"
          path="contentBase64"
          messages={{ required: t('transcripts.fileRequired') }}
        />
        <SubmitButton>{t('transcripts.read')}</SubmitButton>
      </Form>
    );
  return (
    <Form onSubmit={save}>
      <h3>{t('transcripts.review')}</h3>
      <p>{preview.proposals.length === 0 ? t('transcripts.noProposals') : t('transcripts.reviewHint')}</p>
      {preview.proposals.map((proposal, index) => (
        <fieldset key={proposal.term} className="pseudonym">
          <legend>
            {t('transcripts.proposal', { term: proposal.term, kind: t(`transcripts.kinds.${proposal.kind}`), count: proposal.occurrences })}
          </legend>
          <CheckboxField name={`keep-${index}`} label={t('transcripts.replace', { term: proposal.term })} />
          <Field
            name={`code-${index}`}
            label={t('transcripts.replacement', { term: proposal.term })}
            defaultValue={proposal.replacement}
            autoComplete="off"
          />
        </fieldset>
      ))}
      <details>
        <summary>{t('transcripts.showText')}</summary>
        <p className="preserve">{preview.text}</p>
      </details>
      <div className="button-group">
        <SubmitButton>{t('transcripts.save')}</SubmitButton>
        <button type="button" className="secondary" onClick={() => setPreview(null)}>
          {t('study.cancel')}
        </button>
      </div>
    </Form>
  );
}
