import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api.ts';
import { useSession } from '../../lib/session.ts';
import { PageTitle } from '../../ui/ui.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { Field } from '../../ui/form/fields.tsx';
import type { Login } from '#shared/api/auth.ts';
import { formValue } from '../../lib/forms.ts';

/** `notice` says why the person is here again, e.g. their session ended after 30 idle minutes. */
export function LoginPage({ notice }: { notice?: string }) {
  const { t } = useTranslation('auth');
  const { refresh } = useSession();

  async function submit(form: FormData) {
    await api('POST', '/auth/login', { username: formValue(form, 'username'), password: formValue(form, 'password') } satisfies Login);
    await refresh();
  }

  return (
    <section className="narrow">
      <PageTitle>{t('login.title')}</PageTitle>
      <p>{t('login.intro')}</p>
      {notice && (
        <div className="alert alert-error" role="alert">
          <p>{notice}</p>
        </div>
      )}
      {/* A wrong username or password is told at the password, without saying which of the two was wrong. */}
      <Form onSubmit={submit} errorFields={{ invalid_credentials: 'password' }}>
        <Field
          label={t('login.username')}
          name="username"
          autoComplete="username"
          required
          messages={{ required: t('login.usernameRequired') }}
        />
        <Field
          label={t('login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          messages={{ required: t('login.passwordRequired') }}
        />
        <SubmitButton>{t('login.submit')}</SubmitButton>
      </Form>
    </section>
  );
}
