import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useApiQuery } from '../../lib/query.ts';
import { useRecordRead } from '../../lib/recordRead.ts';
import { useCan } from '../../lib/session.ts';
import { LoadFailed, Loaded, Loading } from '../../ui/Loaded.tsx';
import { ReasonForm } from '../../ui/ReasonForm.tsx';
import { PageTitle, formatDate, formatDateTime } from '../../ui/ui.tsx';
import { CaseworkSections, type RecordParts } from './CaseworkSections.tsx';
import type { Shown } from '../../lib/api.ts';
import type { AccessLogEntry } from '#shared/api/clients.ts';
import type { ClientRecordFacts } from '#shared/api/clientRecord.ts';

type Facts = Shown<ClientRecordFacts>;
/** The record as its page reads it: its own facts, identity and contact when granted, and the parts. */
type ClientRecord = RecordParts &
  Pick<Facts, 'id' | 'officeId' | 'relationship' | 'readable'> & {
    identity?: Shown<Facts['identity']>;
    contact?: Shown<Facts['contact']>;
  };
type AccessEntry = Shown<AccessLogEntry>;

/** A client's record: the parts the server's policy lets this person read, each read audited. */
export function ClientPage() {
  const { t, i18n } = useTranslation('clients');
  const { t: tc } = useTranslation();
  const can = useCan();
  const id = useParams().clientId!;
  const { data: record, error, needsReason, open, reload } = useRecordRead<ClientRecord>(`/clients/${id}`);
  const [showLog, setShowLog] = useState(false);
  const log = useApiQuery<AccessEntry[]>(showLog ? `/clients/${id}/access-log` : null);

  if (needsReason) return <ReasonForm error={error} onReason={(reason) => void open(reason)} />;
  if (!record)
    return error ? (
      <>
        <PageTitle>{t('recordTitle')}</PageTitle>
        <LoadFailed error={error} onRetry={() => void reload()} />
      </>
    ) : (
      <Loading />
    );

  return (
    <>
      <PageTitle>{record.identity?.name ?? t('recordTitle')}</PageTitle>
      <p className="muted">{t('youSee', { groups: record.readable.map((group) => t(`groups.${group}`)).join(', ') })}</p>
      {record.identity && (
        <section aria-labelledby="identity-heading" className="panel">
          <h2 id="identity-heading">{t('groups.identity')}</h2>
          <dl>
            <dt>{t('birthDate')}</dt>
            <dd>{record.identity.birthDate ? formatDate(record.identity.birthDate, i18n.language) : '–'}</dd>
            <dt>{t('gender')}</dt>
            <dd>{t(`genders.${record.identity.gender}`)}</dd>
            <dt>{t('nationality')}</dt>
            <dd>{record.identity.nationality}</dd>
          </dl>
        </section>
      )}
      {record.contact && (
        <section aria-labelledby="contact-heading" className="panel protected">
          <h2 id="contact-heading">{t('groups.contact')}</h2>
          <p className="muted">{t('protectedNotice')}</p>
          <dl>
            <dt>{t('contact')}</dt>
            <dd>{record.contact.contact ?? '–'}</dd>
            <dt>{t('whereabouts')}</dt>
            <dd>{record.contact.whereabouts ?? '–'}</dd>
          </dl>
        </section>
      )}
      <CaseworkSections clientId={id} record={record} reload={() => void reload()} />
      {can('clients.accessLog') && (
        <section aria-labelledby="log-heading" className="panel">
          <h2 id="log-heading">{t('accessLog.title')}</h2>
          <p>{t('accessLog.intro')}</p>
          {!showLog && (
            <button type="button" onClick={() => setShowLog(true)}>
              {t('accessLog.show')}
            </button>
          )}
          {showLog && (
            <Loaded query={log}>
              {(entries) => (
                <div className="table-wrap">
                  <table>
                    <caption className="visually-hidden">{t('accessLog.title')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('accessLog.when')}</th>
                        <th scope="col">{t('accessLog.who')}</th>
                        <th scope="col">{t('accessLog.what')}</th>
                        <th scope="col">{t('accessLog.groups')}</th>
                        <th scope="col">{t('accessLog.reason')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {entries.map((entry, index) => (
                        <tr key={index}>
                          <td>{formatDateTime(entry.at, i18n.language)}</td>
                          <td>
                            {entry.actorName ?? '–'}
                            {entry.actorRole ? ` (${tc(`roles.${entry.actorRole}`, { defaultValue: entry.actorRole })})` : ''}
                          </td>
                          <td>
                            {t(`accessLog.actions.${entry.action.replace('.', '_')}`, { defaultValue: entry.action })}
                            {entry.outcome !== 'succeeded' ? ` – ${t(`accessLog.outcomes.${entry.outcome}`)}` : ''}
                          </td>
                          <td>{entry.fieldGroups.map((group) => t(`groups.${group}`)).join(', ')}</td>
                          <td>{entry.reason ?? ''}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </Loaded>
          )}
        </section>
      )}
    </>
  );
}
