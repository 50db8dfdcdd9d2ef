import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Shown } from '../../lib/api.ts';
import { useOfficesAndOrganisations } from '../../lib/places.ts';
import { useApiQuery } from '../../lib/query.ts';
import type { Account } from '../../lib/session.ts';
import { LoadFailed, Loaded } from '../../ui/Loaded.tsx';
import { ErrorMessage, Field, PageTitle, SelectField, StatusMessage, fieldErrors } from '../../ui/ui.tsx';
import type { AccountChanges, AccountInput, AccountResponse, MfaReset } from '#shared/api/accounts.ts';
import { formCode, formText } from '../../lib/forms.ts';

const roles = ['director', 'caseworker', 'nurse', 'coach', 'partner', 'researcher', 'administrator'];
type PendingGrant = Shown<NonNullable<AccountResponse['pendingGrant']>>;
type AdminAccount = Omit<Account, 'pendingGrant'> & { pendingGrant: PendingGrant | null };

export function AdminAccountsPage() {
  const { t } = useTranslation('accounts');
  const { t: tc } = useTranslation();
  const places = useOfficesAndOrganisations();
  const { offices, organisations } = places;
  const accounts = useApiQuery<AdminAccount[]>('/admin/accounts');
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [resetting, setResetting] = useState<AdminAccount | null>(null);
  const [editing, setEditing] = useState<AdminAccount | null>(null);

  const load = () => accounts.refetch();

  async function act(work: () => Promise<string>) {
    setError(null);
    setStatus(null);
    try {
      setStatus(await work());
      await load();
    } catch (caught) {
      setError(caught as ApiError);
    }
  }

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const formElement = event.currentTarget;
    const value = (name: string) => String(form.get(name) ?? '').trim() || null;
    await act(async () => {
      const account: AccountInput = {
        username: formText(form, 'username'),
        displayName: formText(form, 'displayName'),
        role: formCode(form, 'role'),
        title: value('title'),
        officeId: value('officeId'),
        organisationId: value('organisationId'),
      };
      const created = await api<{ account: AdminAccount; initialPassword: string }>('POST', '/admin/accounts', account);
      formElement.reset();
      return t(created.account.awaitsConfirmation ? 'createdPending' : 'created', {
        username: created.account.username,
        password: created.initialPassword,
      });
    });
  }

  async function resetMfa(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get('password') ?? '');
    const target = resetting!;
    await act(async () => {
      await api('POST', `/admin/accounts/${target.id}/reset-mfa`, { password } satisfies MfaReset);
      setResetting(null);
      return t('mfaReset', { name: target.displayName });
    });
  }

  async function saveChanges(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim() || null;
    const target = editing!;
    await act(async () => {
      const changes: AccountChanges = {
        role: formCode<AccountInput['role']>(form, 'role'),
        officeId: value('officeId'),
        organisationId: value('organisationId'),
        title: value('title'),
      };
      const saved = await api<AdminAccount>('PATCH', `/admin/accounts/${target.id}`, changes);
      setEditing(null);
      return t(saved.pendingGrant ? 'savedPending' : 'saved', { name: target.displayName });
    });
  }

  const placementOf = (at: { officeId: string | null; organisationId: string | null }) =>
    [offices.find((o) => o.id === at.officeId)?.name, organisations.find((o) => o.id === at.organisationId)?.name]
      .filter(Boolean)
      .join(', ');
  const stateOf = (account: AdminAccount) => {
    if (account.disabled) return t('disabled');
    if (account.awaitsConfirmation) return t('awaitingConfirmation');
    return account.mfaEnabled ? t('active') : t('awaitingMfa');
  };
  const errors = fieldErrors(error);
  const none = { value: '', label: t('none') };
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      {places.error && <LoadFailed error={places.error} onRetry={places.retry} />}
      <ErrorMessage error={error} />
      {status && <StatusMessage>{status}</StatusMessage>}
      {resetting && (
        <section aria-labelledby="reset-heading" className="panel">
          <h2 id="reset-heading">{t('resetMfaTitle', { name: resetting.displayName })}</h2>
          <p>{t('resetMfaIntro')}</p>
          <form onSubmit={resetMfa} noValidate>
            <Field label={t('yourPassword')} name="password" type="password" autoComplete="current-password" required autoFocus />
            <button type="submit">{t('resetMfa')}</button>{' '}
            <button type="button" className="secondary" onClick={() => setResetting(null)}>
              {tc('cancel')}
            </button>
          </form>
        </section>
      )}
      {editing && (
        <section aria-labelledby="edit-heading" className="panel">
          <h2 id="edit-heading">{t('editTitle', { name: editing.displayName })}</h2>
          <p>{t('editIntro')}</p>
          <form onSubmit={saveChanges} noValidate key={editing.id}>
            <SelectField
              label={t('role')}
              name="role"
              defaultValue={editing.role}
              options={roles.map((role) => ({ value: role, label: tc(`roles.${role}`) }))}
            />
            <SelectField
              label={t('office')}
              name="officeId"
              defaultValue={editing.officeId ?? ''}
              options={[none, ...offices.map((o) => ({ value: o.id, label: o.name }))]}
            />
            <SelectField
              label={t('organisation')}
              name="organisationId"
              defaultValue={editing.organisationId ?? ''}
              options={[none, ...organisations.map((o) => ({ value: o.id, label: o.name }))]}
            />
            <Field label={t('jobTitle')} name="title" defaultValue={editing.title ?? ''} autoComplete="off" />
            <button type="submit">{t('save')}</button>{' '}
            <button type="button" className="secondary" onClick={() => setEditing(null)}>
              {tc('cancel')}
            </button>
          </form>
        </section>
      )}
      <Loaded query={accounts}>
        {(list) => (
          <div className="table-wrap">
            <table>
              <caption>{t('listCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('name')}</th>
                  <th scope="col">{t('username')}</th>
                  <th scope="col">{t('role')}</th>
                  <th scope="col">{t('placement')}</th>
                  <th scope="col">{t('state')}</th>
                  <th scope="col">{t('actions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((account) => (
                  <tr key={account.id}>
                    <th scope="row">{account.displayName}</th>
                    <td>{account.username}</td>
                    <td>{tc(`roles.${account.role}`)}</td>
                    <td>{placementOf(account)}</td>
                    <td>
                      {stateOf(account)}
                      {account.pendingGrant && (
                        <p className="muted">
                          {t('pendingGrant', {
                            grant: [
                              tc(`roles.${account.pendingGrant.role}`),
                              placementOf(account.pendingGrant),
                              account.pendingGrant.decidesAdmissions ? t('grants.decides') : '',
                            ]
                              .filter(Boolean)
                              .join(' · '),
                          })}
                        </p>
                      )}
                    </td>
                    <td className="actions">
                      {account.disabled ? (
                        <AccountAction
                          label={t('enable')}
                          name={account.displayName}
                          onClick={() =>
                            void act(async () => {
                              await api('POST', `/admin/accounts/${account.id}/enable`);
                              return t('enabled', { name: account.displayName });
                            })
                          }
                        />
                      ) : (
                        <AccountAction
                          label={t('disable')}
                          name={account.displayName}
                          onClick={() =>
                            void act(async () => {
                              await api('POST', `/admin/accounts/${account.id}/disable`);
                              return t('disabledDone', { name: account.displayName });
                            })
                          }
                        />
                      )}
                      <AccountAction label={t('edit')} name={account.displayName} onClick={() => setEditing(account)} />
                      <AccountAction label={t('resetMfa')} name={account.displayName} onClick={() => setResetting(account)} />
                      <AccountAction
                        label={t('endSessions')}
                        name={account.displayName}
                        onClick={() =>
                          void act(async () => {
                            const r = await api<{ ended: number }>('POST', `/admin/accounts/${account.id}/end-sessions`);
                            return t('sessionsEnded', { count: r.ended, name: account.displayName });
                          })
                        }
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Loaded>
      <section aria-labelledby="create-heading" className="panel">
        <h2 id="create-heading">{t('createTitle')}</h2>
        <form onSubmit={create} noValidate>
          <Field label={t('username')} name="username" autoComplete="off" required error={errors.username} />
          <Field label={t('name')} name="displayName" autoComplete="off" required error={errors.displayName} />
          <Field label={t('jobTitle')} name="title" autoComplete="off" error={errors.title} />
          <SelectField
            label={t('role')}
            name="role"
            options={roles.map((role) => ({ value: role, label: tc(`roles.${role}`) }))}
            error={errors.role}
          />
          <SelectField
            label={t('office')}
            name="officeId"
            options={[none, ...offices.map((o) => ({ value: o.id, label: o.name }))]}
            error={errors.officeId}
          />
          <SelectField
            label={t('organisation')}
            name="organisationId"
            options={[none, ...organisations.map((o) => ({ value: o.id, label: o.name }))]}
            error={errors.organisationId}
          />
          <button type="submit">{t('create')}</button>
        </form>
      </section>
    </>
  );
}

/** A button acting on one account: its label, and the account's name for whoever hears the button out of the table. */
function AccountAction({ label, name, onClick }: { label: string; name: string; onClick: () => void }) {
  return (
    <button type="button" className="secondary" onClick={onClick}>
      {label}
      <span className="visually-hidden">: {name}</span>
    </button>
  );
}
