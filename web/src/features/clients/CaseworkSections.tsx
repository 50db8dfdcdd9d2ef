import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api.ts';
import { useCan } from '../../lib/session.ts';
import { formChecked, formCode, formDay, formDayOrNull, formText, formTextOrNull } from '../../lib/forms.ts';
import { formatDate, formatDateTime, StatusMessage } from '../../ui/ui.tsx';
import { ScrollingTable } from '../../ui/ScrollingTable.tsx';
import { CheckboxField, DateField, Field, SelectField, TextAreaField } from '../../ui/form/fields.tsx';
import { helsinkiDate } from '#shared/dates.ts';
import {
  expertAuthorities,
  identificationOutcomes,
  noteSensitivities,
  reflectionGrantors,
  residenceStatuses,
  statutoryServices,
  terminationReasons,
} from '#shared/codes.ts';
import type {
  ChildInput,
  DocumentUpload,
  NoteInput,
  ResidenceInput,
  ServiceChanges,
  ServiceInput,
  TaskInput,
  TerminationInput,
} from '#shared/api/casework.ts';
import type { ExpertInput, IdentificationDecision, MeetingInput, StatementInput } from '#shared/api/identification.ts';
import type { ReflectionChange, ReflectionGrant } from '#shared/api/reflection.ts';
import { OpenForm } from './OpenForm.tsx';
import type { ClientRecord } from './recordTypes.ts';
import { ShowMore, usePages, type ReadMore } from './RecordPages.tsx';

interface SectionProps {
  record: ClientRecord;
  reload: () => void;
  /** Reads the next page of a part shown a page at a time (notes, documents, timeline). */
  readMore?: ReadMore;
}

/** Who may write what on this record: the server's answer, already narrowed for an ended case. */
const useRecordWrites = (record: ClientRecord) => {
  const post = (path: string, body?: unknown, method = 'POST') => api(method, `/clients/${record.id}${path}`, body);
  return { can: (group: string) => record.writable.includes(group), post };
};

/** Checks before sending that one day is not before another (an end before its start). */
const later = (laterName: string, firstName: string) => (data: FormData) => {
  const first = formDayOrNull(data, firstName);
  const second = formDayOrNull(data, laterName);
  return first && second && second < first ? [{ name: laterName, problem: 'before_start' }] : [];
};

/** The statutory services: requested, arranged (or planned for a later day), ended. */
export function ServicesSection({ record, reload }: SectionProps) {
  const { t, i18n } = useTranslation('casework');
  const lang = i18n.language;
  const { can, post } = useRecordWrites(record);
  const today = helsinkiDate();
  const services = record.services ?? [];
  return (
    <section className="panel" aria-labelledby="services-heading">
      <h2 id="services-heading">{t('ui.services')}</h2>
      {services.length === 0 ? (
        <p>{t('ui.none')}</p>
      ) : (
        <ScrollingTable caption={t('ui.services')} captionHidden landmark={false}>
          <thead>
            <tr>
              <th scope="col">{t('ui.service')}</th>
              <th scope="col">{t('ui.requestedOn')}</th>
              <th scope="col">{t('ui.arrangedOn')}</th>
              <th scope="col">{t('ui.endedOn')}</th>
              <th scope="col">{t('ui.provider')}</th>
              {can('services') && <th scope="col">{t('ui.change')}</th>}
            </tr>
          </thead>
          <tbody>
            {services.map((service) => (
              <tr key={service.id}>
                <td>{t(`services.${service.service}`)}</td>
                <td>{formatDate(service.requestedOn, lang)}</td>
                <td>
                  {service.arrangedOn
                    ? service.arrangedOn > today
                      ? t('ui.plannedFor', { date: formatDate(service.arrangedOn, lang) })
                      : formatDate(service.arrangedOn, lang)
                    : '–'}
                </td>
                <td>{service.endedOn ? formatDate(service.endedOn, lang) : '–'}</td>
                <td>{service.provider ?? ''}</td>
                {can('services') && (
                  <td>
                    <OpenForm
                      openLabel={t('ui.updateService')}
                      aria-label={t('ui.updateServiceNamed', { service: t(`services.${service.service}`) })}
                      submitLabel={t('ui.save')}
                      saved={t('ui.serviceUpdated')}
                      onSaved={reload}
                      check={later('endedOn', 'arrangedOn')}
                      onSubmit={(data) =>
                        post(
                          `/services/${service.id}`,
                          {
                            arrangedOn: formDayOrNull(data, 'arrangedOn'),
                            endedOn: formDayOrNull(data, 'endedOn'),
                            provider: formTextOrNull(data, 'provider'),
                          } satisfies ServiceChanges,
                          'PATCH',
                        )
                      }
                    >
                      <DateField
                        name="arrangedOn"
                        label={t('ui.arrangedOn')}
                        hint={t('ui.arrangedOnHint')}
                        defaultValue={service.arrangedOn}
                      />
                      <DateField name="endedOn" label={t('ui.endedOn')} hint={t('ui.endedOnHint')} defaultValue={service.endedOn} />
                      <Field name="provider" label={t('ui.provider')} defaultValue={service.provider ?? ''} autoComplete="off" />
                    </OpenForm>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      )}
      {can('services') && (
        <OpenForm
          openLabel={t('ui.addService')}
          submitLabel={t('ui.saveService')}
          saved={t('ui.serviceAdded')}
          onSaved={reload}
          check={later('arrangedOn', 'requestedOn')}
          onSubmit={(data) =>
            post('/services', {
              service: formCode(data, 'service'),
              requestedOn: formDay(data, 'requestedOn'),
              arrangedOn: formDayOrNull(data, 'arrangedOn'),
              provider: formTextOrNull(data, 'provider'),
            } satisfies ServiceInput)
          }
        >
          <SelectField
            name="service"
            label={t('ui.service')}
            required
            messages={{ required: t('ui.problems.serviceRequired') }}
            options={statutoryServices.map((code) => ({ value: code, label: t(`services.${code}`) }))}
          />
          <DateField
            name="requestedOn"
            label={t('ui.requestedOn')}
            required
            messages={{ required: t('ui.problems.requestedOnRequired') }}
          />
          <DateField name="arrangedOn" label={t('ui.arrangedOn')} hint={t('ui.arrangedOnHint')} />
          <Field name="provider" label={t('ui.provider')} autoComplete="off" />
        </OpenForm>
      )}
    </section>
  );
}

/** The suspected exploitation as recorded at the decision. */
export function ExploitationSection({ record }: SectionProps) {
  const { t } = useTranslation('casework');
  const { t: ts } = useTranslation('statistics');
  if (!record.exploitations) return null;
  return (
    <section className="panel" aria-labelledby="exploitation-heading">
      <h2 id="exploitation-heading">{t('ui.exploitation')}</h2>
      {record.exploitations.length === 0 ? (
        <p>{t('ui.none')}</p>
      ) : (
        <ul>
          {record.exploitations.map((entry) => (
            <li key={`${entry.purpose}-${entry.place}`}>
              {ts(`purposes.${entry.purpose}`)}
              {entry.place ? `, ${ts(`places.${entry.place}`)}` : ''}
              {entry.main ? ` (${t('ui.main')})` : ''}
              {entry.sector ? ` · ${t(`isic.${entry.sector}`)}` : ''}
              {entry.minorAtTime ? ` · ${t('ui.minorAtTime')}` : ''}
              {entry.meansOfControl.length > 0 ? ` · ${entry.meansOfControl.map((code) => t(`means.${code}`)).join(', ')}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Children in the client's care. */
export function ChildrenSection({ record, reload }: SectionProps) {
  const { t, i18n } = useTranslation('casework');
  const { can, post } = useRecordWrites(record);
  if (!record.children) return null;
  return (
    <section className="panel" aria-labelledby="children-heading">
      <h2 id="children-heading">{t('ui.children')}</h2>
      {record.children.length === 0 ? (
        <p>{t('ui.none')}</p>
      ) : (
        <ul>
          {record.children.map((child) => (
            <li key={child.id}>
              {t('ui.childLine', {
                birth: child.birthDate ? formatDate(child.birthDate, i18n.language) : '–',
                from: formatDate(child.from, i18n.language),
              })}
            </li>
          ))}
        </ul>
      )}
      {can('identity') && record.status === 'client' && (
        <OpenForm
          openLabel={t('ui.addChild')}
          submitLabel={t('ui.saveChild')}
          saved={t('ui.childAdded')}
          onSaved={reload}
          check={later('from', 'birthDate')}
          onSubmit={(data) =>
            post('/children', { birthDate: formDay(data, 'birthDate'), from: formDay(data, 'from') } satisfies ChildInput)
          }
        >
          <DateField
            name="birthDate"
            label={t('ui.childBirthDate')}
            required
            messages={{ required: t('ui.problems.childBirthRequired') }}
          />
          <DateField name="from" label={t('ui.childFrom')} required messages={{ required: t('ui.problems.childFromRequired') }} />
        </OpenForm>
      )}
    </section>
  );
}

/** Residence status, reflection periods and official identification: the immigration side of the case. */
export function ReflectionSection({ record, reload }: SectionProps) {
  const { t, i18n } = useTranslation('casework');
  const { t: ts } = useTranslation('statistics');
  const lang = i18n.language;
  const { can, post } = useRecordWrites(record);
  return (
    <>
      {record.residence && (
        <section className="panel" aria-labelledby="residence-heading">
          <h2 id="residence-heading">{t('ui.residence')}</h2>
          {record.residence.length === 0 ? (
            <p>{t('ui.none')}</p>
          ) : (
            <ul>
              {record.residence.map((entry) => (
                <li key={entry.at}>
                  {formatDate(entry.at, lang)}: {ts(`residence.${entry.status}`)}
                </li>
              ))}
            </ul>
          )}
          {can('immigration') && (
            <OpenForm
              openLabel={t('ui.editResidence')}
              submitLabel={t('ui.saveResidence')}
              saved={t('ui.residenceSaved')}
              onSaved={reload}
              onSubmit={(data) =>
                post('/residence', { status: formCode(data, 'status'), at: formDay(data, 'at') } satisfies ResidenceInput)
              }
            >
              <SelectField
                name="status"
                label={t('ui.residenceStatus')}
                required
                messages={{ required: t('ui.problems.residenceRequired') }}
                options={residenceStatuses.map((code) => ({ value: code, label: ts(`residence.${code}`) }))}
              />
              <DateField name="at" label={t('ui.residenceFrom')} required messages={{ required: t('ui.problems.residenceFromRequired') }} />
            </OpenForm>
          )}
        </section>
      )}
      {record.reflectionPeriods && (
        <section className="panel" aria-labelledby="reflection-heading">
          <h2 id="reflection-heading">{t('ui.reflection')}</h2>
          {record.reflectionPeriods.length === 0 && <p>{t('ui.none')}</p>}
          <ul>
            {record.reflectionPeriods.map((period) => (
              <li key={period.start}>
                {t(`grantors.${period.grantedBy}`)}: {formatDate(period.start, lang)} – {formatDate(period.end, lang)}
                {period.interruptedOn ? ` · ${t('ui.interrupted')} ${formatDate(period.interruptedOn, lang)}` : ''}
                {period.warning && (
                  <strong className={`warning-${period.warning}`}>
                    {' '}
                    · {t(`warnings.${period.warning}`)} ({t('ui.daysLeft', { count: period.daysLeft })})
                  </strong>
                )}
                {can('immigration') && period.active && !period.interruptedOn && (
                  <div className="button-group">
                    <OpenForm
                      openLabel={t('ui.extend')}
                      submitLabel={t('ui.saveExtension')}
                      saved={t('ui.extended')}
                      onSaved={reload}
                      errorFields={{ reflection_too_long: 'extendTo' }}
                      onSubmit={(data) =>
                        post(
                          `/reflection-periods/${period.start}`,
                          { extendTo: formDay(data, 'extendTo') } satisfies ReflectionChange,
                          'PATCH',
                        )
                      }
                    >
                      <DateField
                        name="extendTo"
                        label={t('ui.extendTo')}
                        required
                        messages={{ required: t('ui.problems.extendToRequired') }}
                      />
                    </OpenForm>
                    <OpenForm
                      openLabel={t('ui.interrupt')}
                      submitLabel={t('ui.interrupt')}
                      saved={t('ui.interrupted')}
                      onSaved={reload}
                      confirm={(data) => ({
                        title: t('ui.confirmInterrupt.title'),
                        body: <p>{t('ui.confirmInterrupt.body', { date: formatDate(formDay(data, 'interruptOn'), lang) })}</p>,
                        confirmLabel: t('ui.interrupt'),
                      })}
                      onSubmit={(data) =>
                        post(
                          `/reflection-periods/${period.start}`,
                          { interruptOn: formDay(data, 'interruptOn') } satisfies ReflectionChange,
                          'PATCH',
                        )
                      }
                    >
                      <DateField
                        name="interruptOn"
                        label={t('ui.interruptOn')}
                        required
                        messages={{ required: t('ui.problems.interruptOnRequired') }}
                      />
                    </OpenForm>
                  </div>
                )}
              </li>
            ))}
          </ul>
          {can('immigration') && record.status === 'client' && (
            <OpenForm
              openLabel={t('ui.grant')}
              submitLabel={t('ui.saveGrant')}
              saved={t('ui.granted')}
              onSaved={reload}
              check={later('end', 'start')}
              errorFields={{ reflection_too_long: 'end', ends_before_start: 'end', reflection_overlaps: 'start' }}
              onSubmit={(data) =>
                post('/reflection-periods', {
                  grantedBy: formCode(data, 'grantedBy'),
                  start: formDay(data, 'start'),
                  end: formDay(data, 'end'),
                } satisfies ReflectionGrant)
              }
            >
              <SelectField
                name="grantedBy"
                label={t('ui.grantedBy')}
                required
                messages={{ required: t('ui.problems.grantedByRequired') }}
                options={reflectionGrantors.map((code) => ({ value: code, label: t(`grantors.${code}`) }))}
              />
              <DateField name="start" label={t('ui.start')} required messages={{ required: t('ui.problems.startRequired') }} />
              <DateField
                name="end"
                label={t('ui.end')}
                hint={t('ui.endHint')}
                required
                messages={{ required: t('ui.problems.endRequired'), before_start: t('ui.problems.endBeforeStart') }}
              />
            </OpenForm>
          )}
        </section>
      )}
      <IdentificationSection record={record} reload={reload} />
    </>
  );
}

function IdentificationSection({ record, reload }: SectionProps) {
  const { t, i18n } = useTranslation('casework');
  const lang = i18n.language;
  const { can, post } = useRecordWrites(record);
  const may = useCan();
  const [requested, setRequested] = useState(false);
  if (!record.identifications) return null;
  const open = record.identifications.find((entry) => !entry.decidedAt);
  return (
    <section className="panel" aria-labelledby="identification-heading">
      <h2 id="identification-heading">{t('ui.identification')}</h2>
      {record.identifications.length === 0 && <p>{t('ui.none')}</p>}
      <ul>
        {record.identifications.map((entry) => (
          <li key={entry.requestedAt}>
            {t('ui.waitingSince', { date: formatDate(entry.requestedAt, lang) })} ({t('ui.waitedDays', { count: entry.waitedDays })})
            {entry.meetingDate ? ` · ${t('ui.meetingDate')} ${formatDate(entry.meetingDate, lang)}` : ''}
            {entry.decidedAt ? ` · ${entry.outcome ? t(`identificationOutcomes.${entry.outcome}`) : t('ui.identificationClosed')}` : ''}
            {entry.experts.length > 0 && (
              <ul>
                {entry.experts.map((expert) => (
                  <li key={expert.id}>
                    {t(`authorities.${expert.authority}`)}: {expert.memberName}
                    {expert.statement ? ` – ${expert.statement}` : ''}
                    {!entry.decidedAt && !expert.statement && can('case') && (
                      <OpenForm
                        openLabel={t('ui.addStatement')}
                        aria-label={t('ui.addStatementNamed', { name: expert.memberName })}
                        submitLabel={t('ui.saveStatement')}
                        saved={t('ui.statementSaved')}
                        onSaved={reload}
                        onSubmit={(data) =>
                          post(
                            `/identification/experts/${expert.id}/statement`,
                            { statement: formText(data, 'statement') } satisfies StatementInput,
                            'PUT',
                          )
                        }
                      >
                        <TextAreaField
                          name="statement"
                          label={t('ui.statement')}
                          required
                          rows={3}
                          messages={{ required: t('ui.problems.statementRequired') }}
                        />
                      </OpenForm>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {requested && <StatusMessage>{t('ui.identificationRequested')}</StatusMessage>}
      {can('case') && record.status === 'client' && !open && (
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void post('/identification').then(() => {
              setRequested(true);
              reload();
            })
          }
        >
          {t('ui.requestIdentification')}
        </button>
      )}
      {can('case') && open && (
        <>
          <h3>{t('ui.expertGroup')}</h3>
          <div className="button-group">
            <OpenForm
              openLabel={t('ui.addExpert')}
              submitLabel={t('ui.saveExpert')}
              saved={t('ui.expertAdded')}
              onSaved={reload}
              onSubmit={(data) =>
                post('/identification/experts', {
                  authority: formCode(data, 'authority'),
                  memberName: formText(data, 'memberName'),
                } satisfies ExpertInput)
              }
            >
              <SelectField
                name="authority"
                label={t('ui.authority')}
                required
                messages={{ required: t('ui.problems.authorityRequired') }}
                options={expertAuthorities.map((code) => ({ value: code, label: t(`authorities.${code}`) }))}
              />
              <Field
                name="memberName"
                label={t('ui.memberName')}
                required
                autoComplete="off"
                messages={{ required: t('ui.problems.memberRequired') }}
              />
            </OpenForm>
            <OpenForm
              openLabel={t('ui.recordMeeting')}
              submitLabel={t('ui.saveMeeting')}
              saved={t('ui.meetingSaved')}
              onSaved={reload}
              onSubmit={(data) =>
                post('/identification/meeting', { meetingDate: formDay(data, 'meetingDate') } satisfies MeetingInput, 'PUT')
              }
            >
              <DateField
                name="meetingDate"
                label={t('ui.meetingDate')}
                required
                messages={{ required: t('ui.problems.meetingRequired') }}
              />
            </OpenForm>
            {may('identification.decide') && (
              <OpenForm
                openLabel={t('ui.decideIdentification')}
                submitLabel={t('ui.decide')}
                saved={t('ui.identificationDecided')}
                onSaved={reload}
                errorFields={{ expert_statements_missing: 'outcome', client_must_be_told: 'clientTold' }}
                confirm={(data) => ({
                  title: t('ui.confirmDecision.title'),
                  body: (
                    <p>
                      {t(data.get('outcome') === 'not_identified' ? 'ui.confirmDecision.notIdentified' : 'ui.confirmDecision.identified')}
                    </p>
                  ),
                  confirmLabel: t('ui.decide'),
                })}
                onSubmit={(data) =>
                  post('/identification/decision', {
                    outcome: formCode(data, 'outcome'),
                    clientTold: formChecked(data, 'clientTold'),
                  } satisfies IdentificationDecision)
                }
              >
                <SelectField
                  name="outcome"
                  label={t('ui.outcome')}
                  required
                  messages={{ required: t('ui.problems.outcomeRequired') }}
                  options={identificationOutcomes.map((code) => ({ value: code, label: t(`identificationOutcomes.${code}`) }))}
                />
                <CheckboxField
                  name="clientTold"
                  label={t('ui.clientTold')}
                  required
                  messages={{ required: t('ui.problems.clientToldRequired'), client_must_be_told: t('ui.problems.clientToldRequired') }}
                />
              </OpenForm>
            )}
          </div>
        </>
      )}
    </section>
  );
}

/** Notes by sensitivity, newest first. */
export function NotesSection({ record, reload, readMore }: SectionProps) {
  const { t, i18n } = useTranslation('casework');
  const { can, post } = useRecordWrites(record);
  const notes = usePages('notes', record.notes, record.more?.notes, readMore);
  return (
    <section className="panel" aria-labelledby="notes-heading">
      <h2 id="notes-heading">{t('ui.notes')}</h2>
      {can('notes') && (
        <OpenForm
          openLabel={t('ui.addNote')}
          submitLabel={t('ui.saveNote')}
          saved={t('ui.noteAdded')}
          onSaved={reload}
          onSubmit={(data) =>
            post('/notes', { sensitivity: formCode(data, 'sensitivity'), body: formText(data, 'body') } satisfies NoteInput)
          }
        >
          <SelectField
            name="sensitivity"
            label={t('ui.sensitivity')}
            required
            messages={{ required: t('ui.problems.sensitivityRequired') }}
            options={noteSensitivities.map((code) => ({ value: code, label: t(`sensitivities.${code}`) }))}
          />
          <TextAreaField
            name="body"
            label={t('ui.noteText')}
            required
            rows={4}
            messages={{ required: t('ui.problems.noteRequired'), maxLength: t('ui.problems.noteTooLong') }}
          />
        </OpenForm>
      )}
      {notes.items.length === 0 ? (
        <p>{t('ui.none')}</p>
      ) : (
        <ul className="notes">
          {notes.items.map((note) => (
            <li key={note.id}>
              <span className="muted">
                {formatDateTime(note.at, i18n.language)} · {note.by} · {t(`sensitivities.${note.sensitivity}`)}
              </span>
              <p className="preserve">{note.body}</p>
            </li>
          ))}
        </ul>
      )}
      <ShowMore pages={notes} label="notes-heading" />
    </section>
  );
}

/** Tasks and their reminders: those to do first, the overdue on top; a page at a time. */
export function TasksSection({ record, reload, readMore }: SectionProps) {
  const { t, i18n } = useTranslation('casework');
  const { can, post } = useRecordWrites(record);
  const pages = usePages('tasks', record.tasks, record.more?.tasks, readMore);
  const tasks = pages.items;
  return (
    <section className="panel" aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">{t('ui.tasks')}</h2>
      {tasks.length === 0 ? (
        <p>{t('ui.none')}</p>
      ) : (
        <ul className="tasks">
          {tasks.map((task) => (
            <li key={task.id}>
              {task.title} – {formatDate(task.dueOn, i18n.language)} – {task.assignee}
              {task.doneAt ? ` – ${t('ui.done')}` : task.overdue ? ` – ${t('ui.overdue')}` : ''}
              {can('notes') && !task.doneAt && (
                <>
                  {' '}
                  <button
                    type="button"
                    className="secondary"
                    aria-label={t('ui.markDoneNamed', { title: task.title })}
                    onClick={() => void post(`/tasks/${task.id}/done`, { done: true }, 'PUT').then(reload)}
                  >
                    {t('ui.markDone')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <ShowMore pages={pages} label="tasks-heading" />
      {can('notes') && (
        <OpenForm
          openLabel={t('ui.addTask')}
          submitLabel={t('ui.saveTask')}
          saved={t('ui.taskAdded')}
          onSaved={reload}
          onSubmit={(data) => post('/tasks', { title: formText(data, 'title'), dueOn: formDay(data, 'dueOn') } satisfies TaskInput)}
        >
          <Field
            name="title"
            label={t('ui.taskTitle')}
            required
            autoComplete="off"
            messages={{ required: t('ui.problems.taskRequired') }}
          />
          <DateField name="dueOn" label={t('ui.dueOn')} required messages={{ required: t('ui.problems.dueOnRequired') }} />
        </OpenForm>
      )}
    </section>
  );
}

async function readFile(file: File): Promise<DocumentUpload> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return { fileName: file.name, mediaType: file.type as DocumentUpload['mediaType'], contentBase64: btoa(binary) };
}

/** Documents: names and sizes; the content only by download. */
export function DocumentsSection({ record, reload, readMore }: SectionProps) {
  const { t, i18n } = useTranslation('casework');
  const { can, post } = useRecordWrites(record);
  const pages = usePages('documents', record.documents, record.more?.documents, readMore);
  const documents = pages.items;
  return (
    <section className="panel" aria-labelledby="documents-heading">
      <h2 id="documents-heading">{t('ui.documents')}</h2>
      {documents.length === 0 ? (
        <p>{t('ui.none')}</p>
      ) : (
        <ul>
          {documents.map((document) => (
            <li key={document.id}>
              <a href={`/api/v1/clients/${record.id}/documents/${document.id}`} download>
                {document.fileName}
              </a>{' '}
              ({Math.ceil(document.size / 1024)} kB, {formatDateTime(document.at, i18n.language)})
            </li>
          ))}
        </ul>
      )}
      <ShowMore pages={pages} label="documents-heading" />
      {can('documents') && (
        <OpenForm
          openLabel={t('ui.addDocument')}
          submitLabel={t('ui.upload')}
          saved={t('ui.documentAdded')}
          onSaved={reload}
          check={(data) => ((data.get('file') as File | null)?.size ? [] : [{ name: 'file', problem: 'required' }])}
          errorFields={{
            file_too_large: 'file',
            file_type_not_allowed: 'file',
            file_content_mismatch: 'file',
            file_name_not_allowed: 'file',
            file_unpacks_too_large: 'file',
          }}
          onSubmit={async (data) => post('/documents', await readFile(data.get('file') as File))}
        >
          <FileField />
        </OpenForm>
      )}
    </section>
  );
}

/** A file to upload: checked as a required text field is (the form reads its name). */
function FileField() {
  const { t } = useTranslation('casework');
  return (
    <Field
      name="file"
      type="file"
      label={t('ui.file')}
      required
      accept=".pdf,.jpg,.jpeg,.png,.txt,.docx,.odt"
      path="contentBase64"
      messages={{ required: t('ui.problems.fileRequired') }}
    />
  );
}

/** The end of assistance: ending it, with what it closes said first; an ended case shows when and why. */
export function EndingSection({ record, reload }: SectionProps) {
  const { t, i18n } = useTranslation('casework');
  const lang = i18n.language;
  const { can, post } = useRecordWrites(record);
  const today = helsinkiDate();
  if (!record.terminations) return null;
  const running = record.reflectionPeriods?.filter((period) => !period.interruptedOn && period.end >= today) ?? [];
  const openIdentification = record.identifications?.some((entry) => !entry.decidedAt);
  const openTasks = record.tasks?.filter((task) => !task.doneAt).length ?? 0;
  // Tasks to do come first, a page at a time: a first page all to do, with more after, gives only a lower bound.
  const moreOpenTasks = Boolean(record.more?.tasks) && openTasks === record.tasks?.length;
  const events = [
    ...record.terminations.map((entry) => ({
      at: entry.at,
      text: t('ui.terminatedOn', { date: formatDate(entry.at, lang) }),
      detail: t(`terminationReasons.${entry.reason}`),
      by: entry.by,
    })),
    ...(record.reopenings ?? []).map((entry) => ({
      at: entry.at,
      text: t('ui.reopenedOn', { date: formatDate(entry.at, lang) }),
      detail: entry.reason,
      by: entry.by,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <section className="panel" aria-labelledby="termination-heading">
      <h2 id="termination-heading">{t('ui.termination')}</h2>
      {events.length === 0 ? (
        <p>{t('ui.notEnded')}</p>
      ) : (
        <ul>
          {events.map((event) => (
            <li key={`${event.at}-${event.text}`}>
              {event.text}: {event.detail}
              {event.by ? ` (${event.by})` : ''}
            </li>
          ))}
        </ul>
      )}
      {can('case') && record.status === 'client' && (
        <OpenForm
          openLabel={t('ui.terminate')}
          buttonClassName="warning-button"
          submitLabel={t('ui.terminate')}
          saved={t('ui.terminated')}
          onSaved={reload}
          confirm={() => ({
            title: t('ui.confirmTermination.title'),
            body: (
              <ul>
                {running.map((period) => (
                  <li key={period.start}>
                    {t('ui.confirmTermination.reflection', { start: formatDate(period.start, lang), end: formatDate(period.end, lang) })}
                  </li>
                ))}
                {openIdentification && <li>{t('ui.confirmTermination.identification')}</li>}
                {openTasks > 0 && (
                  <li>{t(moreOpenTasks ? 'ui.confirmTermination.tasksAtLeast' : 'ui.confirmTermination.tasks', { count: openTasks })}</li>
                )}
                <li>{t('ui.confirmTermination.readOnly')}</li>
                <li>{t('ui.confirmTermination.reopen')}</li>
              </ul>
            ),
            confirmLabel: t('ui.confirmTermination.confirm'),
          })}
          onSubmit={(data) => post('/termination', { reason: formCode(data, 'reason') } satisfies TerminationInput)}
        >
          <SelectField
            name="reason"
            label={t('ui.reason')}
            required
            messages={{ required: t('ui.problems.reasonRequired') }}
            options={terminationReasons.map((code) => ({ value: code, label: t(`terminationReasons.${code}`) }))}
          />
        </OpenForm>
      )}
    </section>
  );
}

/** The record's events, newest first; a day without a time is shown as a day. */
export function TimelineSection({ record, readMore }: SectionProps) {
  const { t, i18n } = useTranslation('casework');
  const lang = i18n.language;
  const pages = usePages('timeline', record.timeline, record.more?.timeline, readMore);
  const timeline = pages.items;
  return (
    <section className="panel" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t('ui.timeline')}</h2>
      {timeline.length === 0 ? (
        <p>{t('ui.none')}</p>
      ) : (
        <ol className="timeline">
          {timeline.map((event, index) => (
            <li key={index}>
              <span className="muted">{event.dateOnly ? formatDate(event.at, lang) : formatDateTime(event.at, lang)}</span>{' '}
              {t(`timeline.${event.kind}`)}
              {event.by ? ` – ${event.by}` : ''}
            </li>
          ))}
        </ol>
      )}
      <ShowMore pages={pages} label="timeline-heading" />
    </section>
  );
}
