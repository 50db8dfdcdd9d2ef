import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, type Shown } from '../../lib/api.ts';
import { useApiQuery } from '../../lib/query.ts';
import { useCan } from '../../lib/session.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle } from '../../ui/ui.tsx';
import { ScrollingTable } from '../../ui/ScrollingTable.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { Field, SelectField, TextAreaField, DateField } from '../../ui/form/fields.tsx';
import { formCode, formDayOrNull, formText, formTextOrNull } from '../../lib/forms.ts';
import { ProjectImport } from './ExchangeSection.tsx';
import type { StudyInput, StudyListResponse, StudyStatus } from '#shared/api/study.ts';

export const studyStatuses = ['planning', 'collecting', 'analysing', 'reporting', 'closed'] as const;

/** The research questions typed one to a line, in order. */
export const questionLines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** The studies the person works on (a director sees every study). */
export function StudiesPage() {
  const { t } = useTranslation('study');
  const can = useCan();
  const studies = useApiQuery<Shown<StudyListResponse>>('/studies');
  return (
    <>
      <PageTitle>{t('list.title')}</PageTitle>
      <p>{t('list.intro')}</p>
      {can('studies.create') && (
        <p>
          <Link to="/studies/new" className="button">
            {t('list.new')}
          </Link>
        </p>
      )}
      <Loaded query={studies}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('list.none')}</p>
          ) : (
            <ScrollingTable caption={t('list.title')} captionHidden>
              <thead>
                <tr>
                  <th scope="col">{t('fields.title')}</th>
                  <th scope="col">{t('fields.status')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((study) => (
                  <tr key={study.id}>
                    <td>
                      <Link to={`/studies/${study.id}`}>{study.title}</Link>
                    </td>
                    <td>{t(`statuses.${study.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollingTable>
          )
        }
      </Loaded>
      {can('studies.create') && <ProjectImport />}
    </>
  );
}

/** The study's facts as a form, for a new study and for changing one. */
export function StudyFactsFields({
  defaults,
}: {
  defaults?: {
    title: string;
    ethicsReference: string | null;
    dataLocation: string | null;
    retainUntil: string | null;
    status: string;
    questions: string;
  };
}) {
  const { t } = useTranslation('study');
  return (
    <>
      <Field
        label={t('fields.title')}
        name="title"
        required
        defaultValue={defaults?.title}
        autoComplete="off"
        messages={{ required: t('form.titleRequired') }}
      />
      <TextAreaField
        label={t('fields.researchQuestions')}
        hint={t('form.researchQuestionsHint')}
        name="researchQuestions"
        rows={5}
        required
        defaultValue={defaults?.questions}
        messages={{ required: t('form.researchQuestionsRequired') }}
      />
      <Field
        label={t('fields.ethicsReference')}
        hint={t('form.ethicsHint')}
        name="ethicsReference"
        defaultValue={defaults?.ethicsReference ?? ''}
      />
      <TextAreaField
        label={t('fields.dataLocation')}
        hint={t('form.dataLocationHint')}
        name="dataLocation"
        rows={2}
        defaultValue={defaults?.dataLocation ?? ''}
      />
      <DateField label={t('fields.retainUntil')} name="retainUntil" defaultValue={defaults?.retainUntil} />
      <SelectField
        label={t('fields.status')}
        name="status"
        required
        defaultValue={defaults?.status}
        options={studyStatuses.map((status) => ({ value: status, label: t(`statuses.${status}`) }))}
        messages={{ required: t('form.statusRequired') }}
      />
    </>
  );
}

/** What the facts fields hold, as the API takes them. */
export function studyFacts(form: FormData) {
  return {
    title: formText(form, 'title'),
    ethicsReference: formTextOrNull(form, 'ethicsReference'),
    dataLocation: formTextOrNull(form, 'dataLocation'),
    retainUntil: formDayOrNull(form, 'retainUntil'),
    status: formCode<StudyStatus>(form, 'status'),
  };
}

export function NewStudyPage() {
  const { t } = useTranslation('study');
  const navigate = useNavigate();
  async function create(form: FormData) {
    const created = await api<{ id: string }>('POST', '/studies', {
      ...studyFacts(form),
      researchQuestions: questionLines(formText(form, 'researchQuestions')),
    } satisfies StudyInput);
    void navigate(`/studies/${created.id}`);
  }
  return (
    <>
      <PageTitle>{t('list.new')}</PageTitle>
      <section className="panel narrow">
        <Form onSubmit={create}>
          <StudyFactsFields />
          <SubmitButton>{t('form.create')}</SubmitButton>
        </Form>
      </section>
    </>
  );
}
