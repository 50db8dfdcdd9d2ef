import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Shown } from '../../lib/api.ts';
import { useOfficesAndOrganisations } from '../../lib/places.ts';
import { useApiQuery } from '../../lib/query.ts';
import type { Account } from '../../lib/session.ts';
import { LoadFailed, Loaded } from '../../ui/Loaded.tsx';
import { ConfirmAction } from '../../ui/Confirm.tsx';
import { PageTitle, StatusMessage } from '../../ui/ui.tsx';
import { ScrollingTable } from '../../ui/ScrollingTable.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { Field, SelectField } from '../../ui/form/fields.tsx';
import type { AccountChanges, AccountInput, AccountResponse, MfaReset } from '#shared/api/accounts.ts';
import { formCode, formText, formTextOrNull, formValue } from '../../lib/forms.ts';

const roles = ['director', 'caseworker', 'nurse', 'coach', 'partner', 'researcher', 'administrator'];
type PendingGrant = Shown<NonNullable<AccountResponse['pendingGrant']>>;
type AdminAccount = Omit<Account, 'pendingGrant'> & { pendingGrant: PendingGrant | null };
interface Created {
  account: AdminAccount;
  initialPassword: string;
}

/** The server's refusals that concern one field of the account forms. */
const accountErrorFields = {
  username_taken: 'username',
  organisation_required: 'organisationId',
  office_required: 'officeId',
  designation_for_caseworkers: 'role',
  cannot_change_own_access: 'role',
  unknown_organisation: 'organisationId',
  unknown_office: 'officeId',
};

export function AdminAccountsPage() {
  const { t } = useTranslation('accounts');
  const { t: tc } = useTranslation();
  const places = useOfficesAndOrganisations();
  const { offices, organisations } = places;
  const accounts = useApiQuery<AdminAccount[]>('/admin/accounts');
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [resetting, setResetting] = useState<AdminAccount | null>(null);
  const [editing, setEditing] = useState<AdminAccount | null>(null);

  const load = () => accounts.refetch();

  /** An action on one account from the list: what came of it is said at the top of the page. */
  async function act(work: () => Promise<string>) {
    setProblem(null);
    setStatus(null);
    try {
      setStatus(await work());
      await load();
    } catch (caught) {
      setProblem(caught instanceof Error ? caught.message : String(caught));
    }
  }

  async function resetMfa(form: FormData) {
    const target = resetting!;
    setStatus(null);
    await api('POST', `/admin/accounts/${target.id}/reset-mfa`, { password: formValue(form, 'password') } satisfies MfaReset);
    setResetting(null);
    setStatus(t('mfaReset', { name: target.displayName }));
    await load();
  }

  async function saveChanges(form: FormData) {
    const target = editing!;
    setStatus(null);
    const changes: AccountChanges = {
      role: formCode<AccountInput['role']>(form, 'role'),
      officeId: formTextOrNull(form, 'officeId'),
      organisationId: formTextOrNull(form, 'organisationId'),
      title: formTextOrNull(form, 'title'),
    };
    const saved = await api<AdminAccount>('PATCH', `/admin/accounts/${target.id}`, changes);
    setEditing(null);
    setStatus(t(saved.pendingGrant ? 'savedPending' : 'saved', { name: target.displayName }));
    await load();
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
  const officeOptions = offices.map((o) => ({ value: o.id, label: o.name }));
  const organisationOptions = organisations.map((o) => ({ value: o.id, label: o.name }));
  const roleOptions = roles.map((role) => ({ value: role, label: tc(`roles.${role}`) }));
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      {places.error && <LoadFailed error={places.error} onRetry={places.retry} />}
      {problem && (
        <div className="alert alert-error" role="alert">
          <p>{problem}</p>
        </div>
      )}
      {status && <StatusMessage>{status}</StatusMessage>}
      {resetting && (
        <section aria-labelledby="reset-heading" className="panel">
          <h2 id="reset-heading">{t('resetMfaTitle', { name: resetting.displayName })}</h2>
          <p>{t('resetMfaIntro')}</p>
          <Form onSubmit={resetMfa} errorFields={{ reauthentication_failed: 'password' }} key={resetting.id}>
            <Field
              label={t('yourPassword')}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              autoFocus
              messages={{ required: t('form.yourPasswordRequired') }}
            />
            <SubmitButton>{t('resetMfa')}</SubmitButton>{' '}
            <button type="button" className="secondary" onClick={() => setResetting(null)}>
              {tc('cancel')}
            </button>
          </Form>
        </section>
      )}
      {editing && (
        <section aria-labelledby="edit-heading" className="panel">
          <h2 id="edit-heading">{t('editTitle', { name: editing.displayName })}</h2>
          <p>{t('editIntro')}</p>
          <Form onSubmit={saveChanges} errorFields={accountErrorFields} key={editing.id}>
            {/* The account's own answers: known, so no empty first choice. */}
            <SelectField label={t('role')} name="role" defaultValue={editing.role} placeholder={false} options={roleOptions} />
            <SelectField
              label={t('office')}
              name="officeId"
              defaultValue={editing.officeId ?? ''}
              placeholder={t('none')}
              options={officeOptions}
              messages={{ office_required: t('form.officeRequired') }}
            />
            <SelectField
              label={t('organisation')}
              name="organisationId"
              defaultValue={editing.organisationId ?? ''}
              placeholder={t('none')}
              options={organisationOptions}
              messages={{ organisation_required: t('form.organisationRequired') }}
            />
            <Field label={t('jobTitle')} name="title" defaultValue={editing.title ?? ''} autoComplete="off" />
            <SubmitButton>{t('save')}</SubmitButton>{' '}
            <button type="button" className="secondary" onClick={() => setEditing(null)}>
              {tc('cancel')}
            </button>
          </Form>
        </section>
      )}
      <Loaded query={accounts}>
        {(list) => (
          <ScrollingTable caption={t('listCaption')}>
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
                            const enabled = await api<AdminAccount>('POST', `/admin/accounts/${account.id}/enable`);
                            return t(enabled.awaitsConfirmation ? 'enabledPending' : 'enabled', { name: account.displayName });
                          })
                        }
                      />
                    ) : (
                      <ConfirmAction
                        label={t('disable')}
                        aria-label={`${t('disable')}: ${account.displayName}`}
                        confirmation={{
                          title: t('disableConfirm.title', { name: account.displayName }),
                          body: <p>{t('disableConfirm.body')}</p>,
                          confirmLabel: t('disable'),
                        }}
                        onConfirm={() =>
                          act(async () => {
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
          </ScrollingTable>
        )}
      </Loaded>
      <CreateAccount
        roleOptions={roleOptions}
        officeOptions={officeOptions}
        organisationOptions={organisationOptions}
        onCreated={() => void load()}
      />
    </>
  );
}

interface Options {
  roleOptions: Array<{ value: string; label: string }>;
  officeOptions: Array<{ value: string; label: string }>;
  organisationOptions: Array<{ value: string; label: string }>;
}

/**
 * A new account. Its role starts unanswered. Once created, the form gives way to what the
 * administrator must do next, with the one-time password, where they are looking; it takes focus.
 */
function CreateAccount({ roleOptions, officeOptions, organisationOptions, onCreated }: Options & { onCreated: () => void }) {
  const { t } = useTranslation('accounts');
  const [created, setCreated] = useState<Created | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const [formKey, setFormKey] = useState(0);

  async function create(form: FormData) {
    const account: AccountInput = {
      username: formText(form, 'username'),
      displayName: formText(form, 'displayName'),
      role: formCode(form, 'role'),
      title: formTextOrNull(form, 'title'),
      officeId: formTextOrNull(form, 'officeId'),
      organisationId: formTextOrNull(form, 'organisationId'),
    };
    setCreated(await api<Created>('POST', '/admin/accounts', account));
    onCreated();
  }

  useEffect(() => {
    if (!created) return;
    heading.current?.focus();
    heading.current?.scrollIntoView?.({ block: 'start' });
  }, [created]);

  if (created)
    return (
      <section aria-labelledby="created-heading" className="panel success-panel">
        <h2 id="created-heading" ref={heading} tabIndex={-1}>
          {t('createdPanel.title', { name: created.account.displayName })}
        </h2>
        <dl>
          <dt>{t('username')}</dt>
          <dd>{created.account.username}</dd>
          <dt>{t('createdPanel.password')}</dt>
          <dd>
            <code className="one-time-password" data-testid="one-time-password">
              {created.initialPassword}
            </code>
          </dd>
        </dl>
        <h3>{t('createdPanel.nextTitle')}</h3>
        <ol>
          <li>{t('createdPanel.handOver')}</li>
          <li>{t('createdPanel.firstLogin')}</li>
          {created.account.awaitsConfirmation && <li>{t('createdPanel.awaitsDirector')}</li>}
        </ol>
        <button
          type="button"
          onClick={() => {
            setCreated(null);
            setFormKey((key) => key + 1);
          }}
        >
          {t('createdPanel.another')}
        </button>
      </section>
    );
  return (
    <section aria-labelledby="create-heading" className="panel">
      <h2 id="create-heading">{t('createTitle')}</h2>
      <Form onSubmit={create} errorFields={accountErrorFields} key={formKey}>
        <Field
          label={t('username')}
          name="username"
          autoComplete="off"
          required
          messages={{ required: t('form.usernameRequired'), pattern: t('form.usernamePattern'), minLength: t('form.usernameShort') }}
        />
        <Field label={t('name')} name="displayName" autoComplete="off" required messages={{ required: t('form.nameRequired') }} />
        <Field label={t('jobTitle')} name="title" autoComplete="off" messages={{ maxLength: t('form.jobTitleLong') }} />
        <SelectField label={t('role')} name="role" required options={roleOptions} messages={{ required: t('form.roleRequired') }} />
        <SelectField
          label={t('office')}
          name="officeId"
          hint={t('form.officeHint')}
          placeholder={t('none')}
          options={officeOptions}
          messages={{ office_required: t('form.officeRequired') }}
        />
        <SelectField
          label={t('organisation')}
          name="organisationId"
          hint={t('form.organisationHint')}
          placeholder={t('none')}
          options={organisationOptions}
          messages={{ organisation_required: t('form.organisationRequired') }}
        />
        <SubmitButton>{t('create')}</SubmitButton>
      </Form>
    </section>
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
