import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../lib/api.ts';
import { ErrorMessage, Field, PageTitle, StatusMessage, fieldErrors } from '../../ui/ui.tsx';
import type { PasswordChange } from '#shared/api/accounts.ts';
import { formValue } from '../../lib/forms.ts';

export function SettingsPage() {
  const { t } = useTranslation('accounts');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);

  async function changePassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setError(null);
    setDone(false);
    try {
      await api('PUT', '/me/password', {
        currentPassword: formValue(form, 'currentPassword'),
        newPassword: formValue(form, 'newPassword'),
      } satisfies PasswordChange);
      formElement.reset();
      setDone(true);
    } catch (caught) {
      setError(caught as ApiError);
    }
  }

  const errors = fieldErrors(error);
  return (
    <>
      <PageTitle>{t('settings.title')}</PageTitle>
      <section aria-labelledby="password-heading" className="panel narrow">
        <h2 id="password-heading">{t('settings.passwordTitle')}</h2>
        <ErrorMessage error={error} />
        {done && <StatusMessage>{t('settings.passwordChanged')}</StatusMessage>}
        <form onSubmit={changePassword} noValidate>
          <Field
            label={t('settings.currentPassword')}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            error={errors.currentPassword}
          />
          <Field
            label={t('settings.newPassword')}
            hint={t('settings.passwordHint')}
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            error={errors.newPassword}
          />
          <button type="submit">{t('settings.changePassword')}</button>
        </form>
      </section>
    </>
  );
}
