import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api.ts';
import { useSession } from '../../app/session.ts';
import { ErrorMessage, Field, PageTitle, formatDate, formatDateTime } from '../../ui/ui.tsx';
import { CaseworkSections, type RecordParts } from '../casework/CaseworkSections.tsx';

interface ClientRecord extends RecordParts {
  id: string; officeId: string | null; relationship: string; readable: string[];
  identity?: { name: string | null; birthDate: string | null; gender: string; nationality: string };
  contact?: { contact: string | null; whereabouts: string | null };
}
interface AccessEntry { at: string; actorName: string | null; actorRole: string | null; action: string; outcome: string; fieldGroups: string[]; reason: string | null }

export function ClientPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation('clients');
  const { t: tc } = useTranslation();
  const { session } = useSession();
  const [record, setRecord] = useState<ClientRecord | null>(null);
  const [needsReason, setNeedsReason] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [log, setLog] = useState<AccessEntry[] | null>(null);

  const [reason, setReason] = useState<string | undefined>();
  const open = useCallback(async (reason?: string) => {
    setReason(reason);
    setError(null);
    try {
      setRecord(await api<ClientRecord>('GET', `/clients/${id}`, undefined, reason ? { 'x-polku-access-reason': encodeURIComponent(reason) } : {}));
      setNeedsReason(false);
    } catch (caught) {
      const apiError = caught as ApiError;
      if (apiError.problem?.code === 'reason_required') setNeedsReason(true);
      setError(apiError);
    }
  }, [id]);

  useEffect(() => { void open(); }, [open]);

  function submitReason(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void open(String(new FormData(event.currentTarget).get('reason') ?? '').trim());
  }

  if (needsReason) {
    return (
      <>
        <PageTitle>{t('reasonTitle')}</PageTitle>
        <ErrorMessage error={error} />
        <form onSubmit={submitReason} noValidate className="narrow">
          <Field label={t('reason')} name="reason" required autoComplete="off" />
          <button type="submit">{t('openRecord')}</button>
        </form>
      </>
    );
  }
  if (!record) return error ? <><PageTitle>{t('recordTitle')}</PageTitle><ErrorMessage error={error} /></> : <p role="status">{tc('loading')}</p>;

  return (
    <>
      <PageTitle>{record.identity?.name ?? t('recordTitle')}</PageTitle>
      <p className="muted">{t('youSee', { groups: record.readable.map((group) => t(`groups.${group}`)).join(', ') })}</p>
      {record.identity && (
        <section aria-labelledby="identity-heading" className="panel">
          <h2 id="identity-heading">{t('groups.identity')}</h2>
          <dl>
            <dt>{t('birthDate')}</dt><dd>{record.identity.birthDate ? formatDate(record.identity.birthDate, i18n.language) : '–'}</dd>
            <dt>{t('gender')}</dt><dd>{t(`genders.${record.identity.gender}`)}</dd>
            <dt>{t('nationality')}</dt><dd>{record.identity.nationality}</dd>
          </dl>
        </section>
      )}
      {record.contact && (
        <section aria-labelledby="contact-heading" className="panel protected">
          <h2 id="contact-heading">{t('groups.contact')}</h2>
          <p className="muted">{t('protectedNotice')}</p>
          <dl>
            <dt>{t('contact')}</dt><dd>{record.contact.contact ?? '–'}</dd>
            <dt>{t('whereabouts')}</dt><dd>{record.contact.whereabouts ?? '–'}</dd>
          </dl>
        </section>
      )}
      <CaseworkSections clientId={id} record={record} reload={() => void open(reason)} />
      {session.permissions?.['clients.accessLog'] && (
        <section aria-labelledby="log-heading" className="panel">
          <h2 id="log-heading">{t('accessLog.title')}</h2>
          <p>{t('accessLog.intro')}</p>
          {!log && <button type="button" onClick={() => void api<AccessEntry[]>('GET', `/clients/${id}/access-log`).then(setLog)}>{t('accessLog.show')}</button>}
          {log && (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t('accessLog.title')}</caption>
                <thead><tr><th scope="col">{t('accessLog.when')}</th><th scope="col">{t('accessLog.who')}</th><th scope="col">{t('accessLog.what')}</th><th scope="col">{t('accessLog.groups')}</th><th scope="col">{t('accessLog.reason')}</th></tr></thead>
                <tbody>
                  {log.map((entry, index) => (
                    <tr key={index}>
                      <td>{formatDateTime(entry.at, i18n.language)}</td>
                      <td>{entry.actorName ?? '–'}{entry.actorRole ? ` (${tc(`roles.${entry.actorRole}`, { defaultValue: entry.actorRole })})` : ''}</td>
                      <td>{t(`accessLog.actions.${entry.action.replace('.', '_')}`, { defaultValue: entry.action })}{entry.outcome !== 'succeeded' ? ` – ${t(`accessLog.outcomes.${entry.outcome}`)}` : ''}</td>
                      <td>{entry.fieldGroups.map((group) => t(`groups.${group}`)).join(', ')}</td>
                      <td>{entry.reason ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </>
  );
}
