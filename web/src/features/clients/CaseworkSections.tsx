import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Shown } from '../../lib/api.ts';
import { useSession } from '../../lib/session.ts';
import { ErrorMessage, Field, SelectField, formatDate, formatDateTime } from '../../ui/ui.tsx';
import { expertAuthorities, noteSensitivities, reflectionGrantors, statutoryServices, terminationReasons } from '#shared/codes.ts';
import type { CaseworkRecord, DocumentUpload, NoteInput, ServiceInput, TaskInput, TerminationInput } from '#shared/api/casework.ts';
import type {
  ExpertInput,
  IdentificationDecision,
  IdentificationRecord,
  MeetingInput,
  StatementInput,
} from '#shared/api/identification.ts';
import type { ReflectionChange, ReflectionGrant, ReflectionRecord } from '#shared/api/reflection.ts';
import type { ClientRecordFacts } from '#shared/api/clientRecord.ts';
import { formCode } from '../../lib/forms.ts';

/** The parts of the record a section may show, each absent when the policy withholds it. */
type Parts = CaseworkRecord & IdentificationRecord & ReflectionRecord & Pick<ClientRecordFacts, 'timeline' | 'assignments'>;
export type RecordParts = { [Key in keyof Parts]?: Shown<NonNullable<Parts[Key]>> } & { writable: string[] };

/** A small form that posts its fields and reloads the record; errors stay beside it. */
function ActionForm({
  label,
  submit,
  children,
  onDone,
}: {
  label: string;
  submit: (form: FormData) => Promise<unknown>;
  children?: ReactNode;
  onDone: () => void;
}) {
  const [error, setError] = useState<ApiError | null>(null);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    setError(null);
    try {
      await submit(new FormData(element));
      element.reset();
      onDone();
    } catch (caught) {
      setError(caught as ApiError);
    }
  }
  return (
    <form onSubmit={onSubmit} noValidate className="inline-form">
      <ErrorMessage error={error} />
      {children}
      <button type="submit">{label}</button>
    </form>
  );
}

/** The parts of the client record beyond identity and contact, each shown only when the policy gave it. */
export function CaseworkSections({ clientId, record, reload }: { clientId: string; record: RecordParts; reload: () => void }) {
  const { t, i18n } = useTranslation('casework');
  const { session } = useSession();
  const lang = i18n.language;
  const can = (group: string) => record.writable.includes(group);
  const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
  const post = (path: string, body?: unknown, method = 'POST') => api(method, `/clients/${clientId}${path}`, body);
  const openIdentification = record.identifications?.find((entry) => !entry.decidedAt);
  const terminated = (record.terminations?.length ?? 0) > 0;

  return (
    <>
      {record.assignments && (
        <p>
          {t('ui.assignments')}: {record.assignments.map((entry) => entry.name).join(', ') || '–'}
        </p>
      )}
      {record.reflectionPeriods && (
        <section className="panel" aria-labelledby="reflection-heading">
          <h2 id="reflection-heading">{t('ui.reflection')}</h2>
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
                {can('immigration') && period.active && (
                  <ActionForm
                    label={t('ui.extend')}
                    onDone={reload}
                    submit={(form) =>
                      post(`/reflection-periods/${period.start}`, { extendTo: text(form, 'extendTo') } satisfies ReflectionChange, 'PATCH')
                    }
                  >
                    <Field label={t('ui.extendTo')} name="extendTo" type="date" />
                  </ActionForm>
                )}
              </li>
            ))}
          </ul>
          {can('immigration') && (
            <ActionForm
              label={t('ui.grant')}
              onDone={reload}
              submit={(form) =>
                post('/reflection-periods', {
                  grantedBy: formCode(form, 'grantedBy'),
                  start: text(form, 'start'),
                  end: text(form, 'end'),
                } satisfies ReflectionGrant)
              }
            >
              <SelectField
                label={t('ui.grantedBy')}
                name="grantedBy"
                options={reflectionGrantors.map((code) => ({ value: code, label: t(`grantors.${code}`) }))}
              />
              <Field label={t('ui.start')} name="start" type="date" />
              <Field label={t('ui.end')} name="end" type="date" />
            </ActionForm>
          )}
        </section>
      )}
      {record.services && (
        <section className="panel" aria-labelledby="services-heading">
          <h2 id="services-heading">{t('ui.services')}</h2>
          {record.services.length === 0 ? (
            <p>{t('ui.none')}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t('ui.services')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('ui.service')}</th>
                    <th scope="col">{t('ui.requestedOn')}</th>
                    <th scope="col">{t('ui.arrangedOn')}</th>
                    <th scope="col">{t('ui.endedOn')}</th>
                    <th scope="col">{t('ui.provider')}</th>
                  </tr>
                </thead>
                <tbody>
                  {record.services.map((service) => (
                    <tr key={service.id}>
                      <td>{t(`services.${service.service}`)}</td>
                      <td>{formatDate(service.requestedOn, lang)}</td>
                      <td>{service.arrangedOn ? formatDate(service.arrangedOn, lang) : '–'}</td>
                      <td>{service.endedOn ? formatDate(service.endedOn, lang) : '–'}</td>
                      <td>{service.provider ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {can('services') && (
            <ActionForm
              label={t('ui.add')}
              onDone={reload}
              submit={(form) =>
                post('/services', {
                  service: formCode(form, 'service'),
                  requestedOn: text(form, 'requestedOn'),
                  arrangedOn: text(form, 'arrangedOn') || null,
                  provider: text(form, 'provider') || null,
                } satisfies ServiceInput)
              }
            >
              <SelectField
                label={t('ui.service')}
                name="service"
                options={statutoryServices.map((code) => ({ value: code, label: t(`services.${code}`) }))}
              />
              <Field label={t('ui.requestedOn')} name="requestedOn" type="date" />
              <Field label={t('ui.arrangedOn')} name="arrangedOn" type="date" />
              <Field label={t('ui.provider')} name="provider" />
            </ActionForm>
          )}
        </section>
      )}
      {record.identifications && (
        <section className="panel" aria-labelledby="identification-heading">
          <h2 id="identification-heading">{t('ui.identification')}</h2>
          <ul>
            {record.identifications.map((entry) => (
              <li key={entry.requestedAt}>
                {t('ui.waitingSince', { date: formatDate(entry.requestedAt, lang) })} ({t('ui.waited')}: {entry.waitedDays})
                {entry.meetingDate ? ` · ${t('ui.meetingDate')} ${formatDate(entry.meetingDate, lang)}` : ''}
                {entry.outcome ? ` · ${t(`identificationOutcomes.${entry.outcome}`)}` : ''}
                <ul>
                  {entry.experts.map((expert) => (
                    <li key={expert.id}>
                      {t(`authorities.${expert.authority}`)}: {expert.memberName}
                      {expert.statement ? ` – ${expert.statement}` : ''}
                      {!entry.decidedAt && !expert.statement && can('case') && (
                        <ActionForm
                          label={t('ui.saveStatement')}
                          onDone={reload}
                          submit={(form) =>
                            post(
                              `/identification/experts/${expert.id}/statement`,
                              { statement: text(form, 'statement') } satisfies StatementInput,
                              'PUT',
                            )
                          }
                        >
                          <Field label={t('ui.statement')} name="statement" />
                        </ActionForm>
                      )}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          {can('case') && !terminated && !openIdentification && (
            <ActionForm label={t('ui.requestIdentification')} onDone={reload} submit={() => post('/identification')} />
          )}
          {can('case') && openIdentification && (
            <>
              <h3>{t('ui.expertGroup')}</h3>
              <ActionForm
                label={t('ui.addExpert')}
                onDone={reload}
                submit={(form) =>
                  post('/identification/experts', {
                    authority: formCode(form, 'authority'),
                    memberName: text(form, 'memberName'),
                  } satisfies ExpertInput)
                }
              >
                <SelectField
                  label={t('ui.authority')}
                  name="authority"
                  options={expertAuthorities.map((code) => ({ value: code, label: t(`authorities.${code}`) }))}
                />
                <Field label={t('ui.memberName')} name="memberName" />
              </ActionForm>
              <ActionForm
                label={t('ui.saveMeeting')}
                onDone={reload}
                submit={(form) => post('/identification/meeting', { meetingDate: text(form, 'meetingDate') } satisfies MeetingInput, 'PUT')}
              >
                <Field label={t('ui.meetingDate')} name="meetingDate" type="date" />
              </ActionForm>
              {session.permissions?.['identification.decide'] && (
                <ActionForm
                  label={t('ui.decideIdentification')}
                  onDone={reload}
                  submit={(form) =>
                    post('/identification/decision', {
                      outcome: formCode(form, 'outcome'),
                      clientTold: form.get('clientTold') === 'on',
                    } satisfies IdentificationDecision)
                  }
                >
                  <SelectField
                    label={t('ui.outcome')}
                    name="outcome"
                    options={['identified', 'not_identified'].map((code) => ({ value: code, label: t(`identificationOutcomes.${code}`) }))}
                  />
                  <p className="choice">
                    <input type="checkbox" id="clientTold" name="clientTold" /> <label htmlFor="clientTold">{t('ui.clientTold')}</label>
                  </p>
                </ActionForm>
              )}
            </>
          )}
        </section>
      )}
      {record.notes && (
        <section className="panel" aria-labelledby="notes-heading">
          <h2 id="notes-heading">{t('ui.notes')}</h2>
          <ul>
            {record.notes.map((note) => (
              <li key={note.id}>
                <span className="muted">
                  {formatDateTime(note.at, lang)} · {note.by} · {t(`sensitivities.${note.sensitivity}`)}
                </span>
                <p className="preserve">{note.body}</p>
              </li>
            ))}
          </ul>
          {can('notes') && (
            <ActionForm
              label={t('ui.addNote')}
              onDone={reload}
              submit={(form) =>
                post('/notes', { sensitivity: formCode(form, 'sensitivity'), body: text(form, 'body') } satisfies NoteInput)
              }
            >
              <SelectField
                label={t('ui.sensitivity')}
                name="sensitivity"
                options={noteSensitivities.map((code) => ({ value: code, label: t(`sensitivities.${code}`) }))}
              />
              <div className="field">
                <label htmlFor="note-body">{t('ui.noteText')}</label>
                <textarea id="note-body" name="body" rows={3} />
              </div>
            </ActionForm>
          )}
          <h3>{t('ui.tasks')}</h3>
          <ul>
            {record.tasks?.map((task) => (
              <li key={task.id}>
                {task.title} – {formatDate(task.dueOn, lang)} – {task.assignee}
                {task.doneAt ? ` – ${t('ui.done')}` : task.overdue ? ` – ${t('ui.overdue')}` : ''}
              </li>
            ))}
          </ul>
          {can('notes') && (
            <ActionForm
              label={t('ui.addTask')}
              onDone={reload}
              submit={(form) => post('/tasks', { title: text(form, 'title'), dueOn: text(form, 'dueOn') } satisfies TaskInput)}
            >
              <Field label={t('ui.taskTitle')} name="title" />
              <Field label={t('ui.dueOn')} name="dueOn" type="date" />
            </ActionForm>
          )}
        </section>
      )}
      {record.documents && (
        <section className="panel" aria-labelledby="documents-heading">
          <h2 id="documents-heading">{t('ui.documents')}</h2>
          <ul>
            {record.documents.map((document) => (
              <li key={document.id}>
                <a href={`/api/v1/clients/${clientId}/documents/${document.id}`} download>
                  {document.fileName}
                </a>{' '}
                ({Math.ceil(document.size / 1024)} kB, {formatDateTime(document.at, lang)})
              </li>
            ))}
          </ul>
          {can('documents') && (
            <ActionForm
              label={t('ui.upload')}
              onDone={reload}
              submit={async (form) => {
                const file = form.get('file') as File;
                const bytes = new Uint8Array(await file.arrayBuffer());
                let binary = '';
                for (let index = 0; index < bytes.length; index += 0x8000)
                  binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
                return post('/documents', {
                  fileName: file.name,
                  mediaType: file.type as DocumentUpload['mediaType'],
                  contentBase64: btoa(binary),
                } satisfies DocumentUpload);
              }}
            >
              <div className="field">
                <label htmlFor="document-file">{t('ui.file')}</label>
                <input id="document-file" name="file" type="file" accept=".pdf,.jpg,.jpeg,.png,.txt,.docx,.odt" />
              </div>
            </ActionForm>
          )}
        </section>
      )}
      {record.terminations && (
        <section className="panel" aria-labelledby="termination-heading">
          <h2 id="termination-heading">{t('ui.termination')}</h2>
          {record.terminations.map((entry) => (
            <p key={entry.at}>
              {t('ui.terminatedOn', { date: formatDate(entry.at, lang) })}: {t(`terminationReasons.${entry.reason}`)}
            </p>
          ))}
          {can('case') && !terminated && (
            <ActionForm
              label={t('ui.terminate')}
              onDone={reload}
              submit={(form) => post('/termination', { reason: formCode(form, 'reason') } satisfies TerminationInput)}
            >
              <SelectField
                label={t('ui.reason')}
                name="reason"
                options={terminationReasons.map((code) => ({ value: code, label: t(`terminationReasons.${code}`) }))}
              />
            </ActionForm>
          )}
        </section>
      )}
      {record.timeline && (
        <section className="panel" aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">{t('ui.timeline')}</h2>
          <ol className="timeline">
            {record.timeline.map((event, index) => (
              <li key={index}>
                <span className="muted">{formatDateTime(event.at, lang)}</span> {t(`timeline.${event.kind}`)}
                {event.by ? ` – ${event.by}` : ''}
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
