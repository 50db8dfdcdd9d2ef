import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, type Shown } from '../../lib/api.ts';
import { useApiQuery } from '../../lib/query.ts';
import { useCan } from '../../lib/session.ts';
import { formChecked, formCode, formDay, formList, formText, formWholeNumber } from '../../lib/forms.ts';
import { languageLevels, teachingLanguages, type LanguageLevel } from '#shared/codes.ts';
import type { Coach, Group, GroupInput, GroupSummary, ProgrammeSummary, Requirement } from '#shared/api/coaching.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { ScrollingTable } from '../../ui/ScrollingTable.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle, formatDate } from '../../ui/ui.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { CheckboxField, CheckboxesField, DateField, Field, SelectField } from '../../ui/form/fields.tsx';
import { named, useRequirementText } from './texts.ts';
import { codeName, codeNames } from '../../ui/form/codeNames.ts';
import { Schedule } from './Schedule.tsx';
import { GroupParticipants } from './ParticipantPages.tsx';

type Organisation = { id: string; name: string };

export function GroupsPage() {
  const { t, i18n } = useTranslation('coaching');
  const can = useCan();
  const groups = useApiQuery<Array<Shown<GroupSummary>>>('/coaching/groups');
  return (
    <>
      <PageTitle>{t('groups.title')}</PageTitle>
      <p>{t('groups.intro')}</p>
      <ul className="actions">
        {can('coaching.groups.manage') && (
          <li>
            <Link to="/coaching/groups/new">{t('groups.new')}</Link>
          </li>
        )}
        <li>
          <Link to="/coaching/programmes">{t('programmes.title')}</Link>
        </li>
        {can('coaching.tasks') && (
          <li>
            <Link to="/coaching/tasks">{t('tasks.title')}</Link>
          </li>
        )}
      </ul>
      <Loaded query={groups}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('groups.none')}</p>
          ) : (
            <ScrollingTable caption={t('groups.title')} captionHidden>
              <thead>
                <tr>
                  <th scope="col">{t('group.name')}</th>
                  <th scope="col">{t('group.programme')}</th>
                  <th scope="col">{t('group.startsOn')}</th>
                  <th scope="col">{t('group.place')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((group) => (
                  <tr key={group.id}>
                    <td>
                      <Link to={`/coaching/groups/${group.id}`}>{group.name}</Link>
                    </td>
                    <td>{named(group.programmeNames, i18n.language)}</td>
                    <td>{formatDate(group.startsOn, i18n.language)}</td>
                    <td>{group.place}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollingTable>
          )
        }
      </Loaded>
    </>
  );
}

/** The entry requirements the form offers, read back as the data the server keeps. */
function readRequirements(form: FormData): Requirement[] {
  const requirements: Requirement[] = [];
  if (formChecked(form, 'womenOnly')) requirements.push({ kind: 'gender', genders: ['female'] });
  const languages = formList(form, 'requiredLanguages');
  if (languages.length > 0) requirements.push({ kind: 'language', languages, level: formCode<LanguageLevel>(form, 'languageLevel') });
  if (formChecked(form, 'latinLiteracy')) requirements.push({ kind: 'literacy', script: 'latin' });
  return requirements;
}

export function NewGroupPage() {
  const { t, i18n } = useTranslation('coaching');
  const navigate = useNavigate();
  const programmes = useApiQuery<Array<Shown<ProgrammeSummary>>>('/coaching/programmes');
  const coaches = useApiQuery<Array<Shown<Coach>>>('/coaching/coaches');
  const organisations = useApiQuery<Organisation[]>('/organisations');
  const languageOptions = teachingLanguages.map((code) => ({ value: code, label: codeName('language', code, i18n.language) }));

  async function create(form: FormData) {
    const created = await api<{ id: string }>('POST', '/coaching/groups', {
      programmeId: formText(form, 'programmeId'),
      name: formText(form, 'name'),
      startsOn: formDay(form, 'startsOn'),
      place: formText(form, 'place'),
      teachingLanguages: formList(form, 'teachingLanguages'),
      capacity: formWholeNumber(form, 'capacity') ?? 0,
      coachIds: formList(form, 'coachIds'),
      partnerIds: formList(form, 'partnerIds'),
      requirements: readRequirements(form),
    } satisfies GroupInput);
    void navigate(`/coaching/groups/${created.id}`);
  }

  return (
    <>
      <PageTitle>{t('groups.new')}</PageTitle>
      <Loaded query={programmes}>
        {(programmeList) => (
          <Loaded query={coaches}>
            {(coachList) => (
              <Loaded query={organisations}>
                {(organisationList) => (
                  <Form
                    className="narrow"
                    onSubmit={create}
                    check={(form) =>
                      formList(form, 'requiredLanguages').length > 0 && !formText(form, 'languageLevel')
                        ? [{ name: 'languageLevel', problem: 'required' }]
                        : []
                    }
                  >
                    <SelectField
                      label={t('group.programme')}
                      name="programmeId"
                      required
                      messages={{ required: t('group.programmeRequired') }}
                      options={programmeList.map((programme) => ({ value: programme.id, label: named(programme.names, i18n.language) }))}
                    />
                    <Field label={t('group.name')} name="name" required maxLength={200} messages={{ required: t('group.nameRequired') }} />
                    <DateField
                      label={t('group.startsOn')}
                      hint={t('group.startsOnHint')}
                      name="startsOn"
                      required
                      messages={{ required: t('group.startsOnRequired') }}
                    />
                    <Field
                      label={t('group.place')}
                      name="place"
                      required
                      maxLength={300}
                      messages={{ required: t('group.placeRequired') }}
                    />
                    <CheckboxesField
                      label={t('group.teachingLanguages')}
                      name="teachingLanguages"
                      required
                      messages={{ required: t('group.teachingLanguagesRequired') }}
                      options={languageOptions}
                    />
                    <Field
                      label={t('group.capacity')}
                      name="capacity"
                      kind="wholeNumber"
                      required
                      messages={{
                        required: t('group.capacityRequired'),
                        minimum: t('group.capacityRange'),
                        maximum: t('group.capacityRange'),
                      }}
                    />
                    <CheckboxesField
                      label={t('group.otherCoaches')}
                      hint={t('group.otherCoachesHint')}
                      name="coachIds"
                      options={coachList.map((coach) => ({ value: coach.id, label: coach.name }))}
                    />
                    <CheckboxesField
                      label={t('group.partners')}
                      name="partnerIds"
                      options={organisationList.map((organisation) => ({ value: organisation.id, label: organisation.name }))}
                    />
                    <h2>{t('group.requirements')}</h2>
                    <p className="hint">{t('group.requirementsHint')}</p>
                    <CheckboxField label={t('group.womenOnly')} name="womenOnly" />
                    <CheckboxesField
                      label={t('group.requiredLanguages')}
                      hint={t('group.requiredLanguagesHint')}
                      name="requiredLanguages"
                      options={languageOptions}
                    />
                    <SelectField
                      label={t('group.languageLevel')}
                      name="languageLevel"
                      messages={{ required: t('group.languageLevelRequired') }}
                      options={languageLevels
                        .filter((level) => level !== 'none')
                        .map((level) => ({ value: level, label: t(`levels.${level}`) }))}
                    />
                    <CheckboxField label={t('group.latinLiteracy')} name="latinLiteracy" />
                    <SubmitButton>{t('groups.create')}</SubmitButton>
                  </Form>
                )}
              </Loaded>
            )}
          </Loaded>
        )}
      </Loaded>
      <p>
        <Link to="/coaching">{t('groups.back')}</Link>
      </p>
    </>
  );
}

export function GroupPage() {
  const { t, i18n } = useTranslation('coaching');
  const { groupId } = useParams();
  const group = useApiQuery<Shown<Group>>(`/coaching/groups/${groupId}`);
  const requirementText = useRequirementText();
  return (
    <>
      <Loaded query={group}>
        {(shown) => (
          <>
            <PageTitle>{shown.name}</PageTitle>
            <dl className="group-facts">
              <dt>{t('group.programme')}</dt>
              <dd>
                <Link to={`/coaching/programmes/${shown.programmeId}`}>{named(shown.programmeNames, i18n.language)}</Link> (
                {t('programme.version', { version: shown.programmeVersion })})
              </dd>
              <dt>{t('group.startsOn')}</dt>
              <dd>{formatDate(shown.startsOn, i18n.language)}</dd>
              <dt>{t('group.endsOn')}</dt>
              <dd>{shown.endsOn ? formatDate(shown.endsOn, i18n.language) : '–'}</dd>
              <dt>{t('group.place')}</dt>
              <dd>{shown.place}</dd>
              <dt>{t('group.teachingLanguages')}</dt>
              <dd>{codeNames('language', shown.teachingLanguages, i18n.language)}</dd>
              <dt>{t('group.capacity')}</dt>
              <dd>{shown.capacity}</dd>
              <dt>{t('group.coaches')}</dt>
              <dd>{shown.coaches.map((coach) => coach.name).join(', ')}</dd>
              <dt>{t('group.partners')}</dt>
              <dd>{shown.partners.length > 0 ? shown.partners.map((partner) => partner.name).join(', ') : t('group.noPartners')}</dd>
            </dl>
            <section aria-labelledby="requirements-heading" className="panel">
              <h2 id="requirements-heading">{t('group.requirements')}</h2>
              {shown.requirements.length === 0 ? (
                <p>{t('group.noRequirements')}</p>
              ) : (
                <ul>
                  {shown.requirements.map((requirement, index) => (
                    <li key={index}>{requirementText(requirement)}</li>
                  ))}
                </ul>
              )}
            </section>
            <GroupParticipants groupId={shown.id} mayManage={shown.mayManage} />
            <Schedule groupId={shown.id} programmeId={shown.programmeId} mayManage={shown.mayManage} />
          </>
        )}
      </Loaded>
      <p>
        <Link to="/coaching">{t('groups.back')}</Link>
      </p>
    </>
  );
}
