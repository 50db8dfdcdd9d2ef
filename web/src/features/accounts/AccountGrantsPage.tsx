import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Shown } from '../../lib/api.ts';
import { PageTitle, StatusMessage, formatDateTime } from '../../ui/ui.tsx';
import { useOfficesAndOrganisations } from '../../lib/places.ts';
import { useApiQuery } from '../../lib/query.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { ScrollingTable } from '../../ui/ScrollingTable.tsx';
import type { GrantResponse } from '#shared/api/accounts.ts';

type Grant = Shown<GrantResponse>;

/** The director's side of separation of duties: what administrators asked that opens client data. */
export function AccountGrantsPage() {
  const { t, i18n } = useTranslation('accounts');
  const { t: tc } = useTranslation();
  const { offices, organisations } = useOfficesAndOrganisations();
  const query = useApiQuery<Grant[]>('/account-grants');
  const grants = query.data ?? null;
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function decide(grant: Grant, decision: 'confirm' | 'refuse') {
    setError(null);
    setStatus(null);
    try {
      await api('POST', `/account-grants/${grant.id}/${decision}`);
      setStatus(t(decision === 'confirm' ? 'grants.confirmedDone' : 'grants.refusedDone', { name: grant.displayName }));
      await query.refetch();
    } catch (caught) {
      setError(caught as ApiError);
    }
  }

  const placement = (grant: Grant) =>
    [offices.find((o) => o.id === grant.officeId)?.name, organisations.find((o) => o.id === grant.organisationId)?.name]
      .filter(Boolean)
      .join(', ');
  const asked = (grant: Grant) =>
    [tc(`roles.${grant.role}`), placement(grant), grant.decidesAdmissions ? t('grants.decides') : ''].filter(Boolean).join(' · ');
  const pending = grants?.filter((grant) => grant.status === 'pending') ?? [];
  const decided = grants?.filter((grant) => grant.status !== 'pending') ?? [];

  return (
    <>
      <PageTitle>{t('grants.title')}</PageTitle>
      <p>{t('grants.intro')}</p>
      {error && (
        <div className="alert alert-error" role="alert">
          <p>{error.message}</p>
        </div>
      )}
      {status && <StatusMessage>{status}</StatusMessage>}
      {/* Until the list arrives, or when it fails, the page says so (and offers to try again). */}
      {!query.data && <Loaded query={query}>{() => null}</Loaded>}
      <section aria-labelledby="pending-heading">
        <h2 id="pending-heading">{t('grants.pendingTitle')}</h2>
        {grants && pending.length === 0 && <p>{t('grants.nonePending')}</p>}
        <ul className="grant-list">
          {pending.map((grant) => (
            <li key={grant.id} className="panel">
              <h3 id={`grant-${grant.id}`}>
                {grant.displayName} <span className="muted">({grant.username})</span>
              </h3>
              <dl>
                <dt>{t('grants.now')}</dt>
                <dd>{grant.currentRole ? tc(`roles.${grant.currentRole}`) : t('grants.newAccount')}</dd>
                <dt>{t('grants.asked')}</dt>
                <dd>{asked(grant)}</dd>
                <dt>{t('grants.askedBy')}</dt>
                <dd>
                  {grant.requestedBy ?? tc('roles.system')}, {formatDateTime(grant.requestedAt, i18n.language)}
                </dd>
              </dl>
              {grant.decidable ? (
                <p className="actions">
                  <button type="button" onClick={() => void decide(grant, 'confirm')}>
                    {t('grants.confirm')}
                    <span className="visually-hidden">: {grant.displayName}</span>
                  </button>{' '}
                  <button type="button" className="secondary" onClick={() => void decide(grant, 'refuse')}>
                    {t('grants.refuse')}
                    <span className="visually-hidden">: {grant.displayName}</span>
                  </button>
                </p>
              ) : (
                <p>{t('grants.anotherDirector')}</p>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="decided-heading">
        <h2 id="decided-heading">{t('grants.decidedTitle')}</h2>
        {grants && decided.length === 0 ? (
          <p>{t('grants.noneDecided')}</p>
        ) : (
          <ScrollingTable caption={t('grants.decidedTitle')} captionHidden landmark={false}>
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('grants.asked')}</th>
                <th scope="col">{t('grants.askedBy')}</th>
                <th scope="col">{t('grants.decision')}</th>
              </tr>
            </thead>
            <tbody>
              {decided.map((grant) => (
                <tr key={grant.id}>
                  <th scope="row">{grant.displayName}</th>
                  <td>{asked(grant)}</td>
                  <td>
                    {grant.requestedBy ?? tc('roles.system')}, {formatDateTime(grant.requestedAt, i18n.language)}
                  </td>
                  <td>
                    {t(`grants.status.${grant.status}`)}
                    {grant.decidedBy ? `: ${grant.decidedBy}` : ''}
                    {grant.decidedAt ? `, ${formatDateTime(grant.decidedAt, i18n.language)}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollingTable>
        )}
      </section>
    </>
  );
}
