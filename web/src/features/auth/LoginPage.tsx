import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../lib/api.ts';
import { useSession } from '../../lib/session.ts';
import { ErrorMessage, Field, PageTitle, fieldErrors } from '../../ui/ui.tsx';
import type { Login } from '#shared/api/auth.ts';
import { formValue } from '../../lib/forms.ts';

/** `notice` says why the person is here again, e.g. their session ended after 30 idle minutes. */
export function LoginPage({ notice }: { notice?: string }) {
  const { t } = useTranslation('auth');
  const { refresh } = useSession();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    try {
      await api('POST', '/auth/login', { username: formValue(form, 'username'), password: formValue(form, 'password') } satisfies Login);
      await refresh();
    } catch (caught) {
      setError(caught as ApiError);
    } finally {
      setBusy(false);
    }
  }

  const errors = fieldErrors(error);
  return (
    <section className="narrow">
      <PageTitle>{t('login.title')}</PageTitle>
      <p>{t('login.intro')}</p>
      {notice && !error && (
        <div className="alert alert-error" role="alert">
          <p>{notice}</p>
        </div>
      )}
      <ErrorMessage error={error} />
      <form onSubmit={submit} noValidate>
        <Field label={t('login.username')} name="username" autoComplete="username" required error={errors.username} />
        <Field
          label={t('login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={errors.password}
        />
        <button type="submit" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
    </section>
  );
}
