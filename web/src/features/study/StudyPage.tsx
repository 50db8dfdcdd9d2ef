import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, type Shown } from '../../lib/api.ts';
import { useApiQuery } from '../../lib/query.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle, StatusMessage, formatDate, formatDateTime } from '../../ui/ui.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { CheckboxField, Field, SelectField } from '../../ui/form/fields.tsx';
import { formChecked, formCode, formText } from '../../lib/forms.ts';
import type { GuideInput, ResearchersResponse, StudyChange, StudyResponse, TeamChange } from '#shared/api/study.ts';
import { questionLines, studyFacts, StudyFactsFields } from './StudiesPage.tsx';
import { ExchangeSection } from './ExchangeSection.tsx';

type Study = Shown<StudyResponse>;
const guideLanguages = ['fi', 'sv', 'en'] as const;

/** One study: its facts and research questions, its team and its interview guides. */
export function StudyPage() {
  const { studyId } = useParams();
  const study = useApiQuery<Study>(`/studies/${studyId}`);
  return <Loaded query={study}>{(data) => <StudyView study={data} onChange={() => void study.refetch()} />}</Loaded>;
}

function StudyView({ study, onChange }: { study: Study; onChange: () => void }) {
  const { t, i18n } = useTranslation('study');
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <>
      <PageTitle>{study.title}</PageTitle>
      <p>
        <Link to="/studies">{t('study.back')}</Link>
        {' · '}
        <Link to={`/studies/${study.id}/participants`}>{t('participants.link')}</Link>
      </p>
      <nav aria-label={t('work.nav')}>
        <ul className="study-work">
          <li>
            <Link to={`/studies/${study.id}/interviews`}>{t('work.interviews')}</Link>
          </li>
          <li>
            <Link to={`/studies/${study.id}/codebook`}>{t('codebook.link')}</Link>
          </li>
          <li>
            <Link to={`/studies/${study.id}/agreement`}>{t('work.agreement')}</Link>
          </li>
          <li>
            <Link to={`/studies/${study.id}/matrix`}>{t('work.matrix')}</Link>
          </li>
          <li>
            <Link to={`/studies/${study.id}/report`}>{t('work.report')}</Link>
          </li>
        </ul>
      </nav>
      {saved && <StatusMessage>{saved}</StatusMessage>}
      <section aria-labelledby="facts-heading" className="panel">
        <h2 id="facts-heading">{t('study.facts')}</h2>
        {editing ? (
          <EditStudy
            study={study}
            onDone={(changed) => {
              setEditing(false);
              if (changed) {
                setSaved(t('study.saved'));
                onChange();
              }
            }}
          />
        ) : (
          <>
            <dl>
              <dt>{t('fields.status')}</dt>
              <dd>{t(`statuses.${study.status}`)}</dd>
              <dt>{t('fields.ethicsReference')}</dt>
              <dd>{study.ethicsReference ?? t('study.notGiven')}</dd>
              <dt>{t('fields.dataLocation')}</dt>
              <dd className="preserve">{study.dataLocation ?? t('study.notGiven')}</dd>
              <dt>{t('fields.retainUntil')}</dt>
              <dd>{study.retainUntil ? formatDate(study.retainUntil, i18n.language) : t('study.notGiven')}</dd>
            </dl>
            <h3>{t('fields.researchQuestions')}</h3>
            <ol className="research-questions">
              {study.researchQuestions.map((question) => (
                <li key={question.id}>{question.text}</li>
              ))}
            </ol>
            {study.canEdit && (
              <button type="button" className="secondary" onClick={() => setEditing(true)}>
                {t('study.edit')}
              </button>
            )}
          </>
        )}
      </section>
      <TeamSection study={study} onChange={onChange} />
      <GuidesSection study={study} />
      <ExchangeSection studyId={study.id} canEdit={study.canEdit} />
    </>
  );
}

function EditStudy({ study, onDone }: { study: Study; onDone: (changed: boolean) => void }) {
  const { t } = useTranslation('study');
  async function save(form: FormData) {
    // A question kept in its place keeps its id, and with it the guide questions linked to it.
    const lines = questionLines(formText(form, 'researchQuestions'));
    await api('PUT', `/studies/${study.id}`, {
      ...studyFacts(form),
      researchQuestions: lines.map((text, index) => ({ id: study.researchQuestions[index]?.id ?? null, text })),
    } satisfies StudyChange);
    onDone(true);
  }
  return (
    <Form onSubmit={save}>
      <StudyFactsFields defaults={{ ...study, questions: study.researchQuestions.map((question) => question.text).join('\n') }} />
      <div className="button-group">
        <SubmitButton>{t('study.save')}</SubmitButton>
        <button type="button" className="secondary" onClick={() => onDone(false)}>
          {t('study.cancel')}
        </button>
      </div>
    </Form>
  );
}

function TeamSection({ study, onChange }: { study: Study; onChange: () => void }) {
  const { t } = useTranslation('study');
  const researchers = useApiQuery<Shown<ResearchersResponse>>(study.canEdit ? '/studies/researchers' : null);
  const [saved, setSaved] = useState(false);
  const members = new Set(study.team.map((member) => member.id));
  const chosen = (form: FormData, list: Array<{ id: string }>) => list.filter((researcher) => formChecked(form, `member-${researcher.id}`));
  async function save(form: FormData, list: Array<{ id: string }>) {
    setSaved(false);
    await api('PUT', `/studies/${study.id}/team`, {
      accountIds: chosen(form, list).map((researcher) => researcher.id),
    } satisfies TeamChange);
    setSaved(true);
    onChange();
  }
  return (
    <section aria-labelledby="team-heading" className="panel">
      <h2 id="team-heading">{t('team.title')}</h2>
      <ul>
        {study.team.map((member) => (
          <li key={member.id}>{member.displayName}</li>
        ))}
      </ul>
      {study.canEdit && (
        <Loaded query={researchers}>
          {(list) => (
            <Form
              onSubmit={(form) => save(form, list)}
              check={(data) => (chosen(data, list).length === 0 && list[0] ? [{ name: `member-${list[0].id}`, problem: 'team' }] : [])}
            >
              <fieldset>
                <legend>{t('team.choose')}</legend>
                {list.map((researcher) => (
                  <CheckboxField
                    key={researcher.id}
                    name={`member-${researcher.id}`}
                    label={researcher.displayName}
                    defaultChecked={members.has(researcher.id)}
                    path="accountIds"
                    messages={{ team: t('team.required') }}
                  />
                ))}
              </fieldset>
              {saved && <StatusMessage>{t('team.saved')}</StatusMessage>}
              <SubmitButton>{t('team.save')}</SubmitButton>
            </Form>
          )}
        </Loaded>
      )}
    </section>
  );
}

function GuidesSection({ study }: { study: Study }) {
  const { t, i18n } = useTranslation('study');
  const navigate = useNavigate();
  async function create(form: FormData) {
    const created = await api<{ id: string }>('POST', `/studies/${study.id}/guides`, {
      title: formText(form, 'guideTitle'),
      language: formCode<GuideInput['language']>(form, 'language'),
      fromTemplate: formChecked(form, 'fromTemplate'),
    } satisfies GuideInput);
    void navigate(`/studies/${study.id}/guides/${created.id}`);
  }
  return (
    <section aria-labelledby="guides-heading" className="panel">
      <h2 id="guides-heading">{t('guides.title')}</h2>
      {study.guides.length === 0 ? (
        <p>{t('guides.none')}</p>
      ) : (
        <ul>
          {study.guides.map((guide) => (
            <li key={guide.id}>
              <Link to={`/studies/${study.id}/guides/${guide.id}`}>{guide.title}</Link>{' '}
              <span className="muted">
                {t('guides.summary', {
                  language: t(`languages.${guide.language}`),
                  version: guide.version,
                  updated: formatDateTime(guide.updatedAt, i18n.language),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {study.canEdit && (
        <>
          <h3 id="new-guide-heading">{t('guides.new')}</h3>
          <Form onSubmit={create} aria-labelledby="new-guide-heading">
            <Field
              label={t('guides.guideTitle')}
              name="guideTitle"
              path="title"
              required
              messages={{ required: t('guides.titleRequired') }}
            />
            <SelectField
              label={t('guides.language')}
              name="language"
              required
              options={guideLanguages.map((language) => ({ value: language, label: t(`languages.${language}`) }))}
              messages={{ required: t('guides.languageRequired') }}
            />
            <CheckboxField name="fromTemplate" label={t('guides.fromTemplate')} hint={t('guides.fromTemplateHint')} />
            <SubmitButton>{t('guides.create')}</SubmitButton>
          </Form>
        </>
      )}
    </section>
  );
}
