import { useTranslation } from 'react-i18next';
import { useSession } from '../../lib/session.ts';
import { PageTitle } from '../../ui/ui.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { Field } from '../../ui/form/fields.tsx';
import { formValue } from '../../lib/forms.ts';
import { passwordChangeErrorFields, sendPasswordChange } from '../../lib/passwordChange.ts';

/**
 * The last step of a first login: the one-time password an administrator handed over is replaced
 * by the person's own. The server answers nothing else until then (but logging out).
 */
export function FirstPasswordPage() {
  const { t } = useTranslation('auth');
  const { refresh, logout } = useSession();

  async function submit(form: FormData) {
    await sendPasswordChange(form);
    await refresh();
  }

  return (
    <section className="narrow">
      <PageTitle>{t('firstPassword.title')}</PageTitle>
      <p>{t('firstPassword.intro')}</p>
      <Form
        onSubmit={submit}
        check={(form) =>
          formValue(form, 'newPassword') &&
          formValue(form, 'repeatPassword') &&
          formValue(form, 'newPassword') !== formValue(form, 'repeatPassword')
            ? [{ name: 'repeatPassword', problem: 'mismatch' }]
            : []
        }
        errorFields={passwordChangeErrorFields}
      >
        <Field
          label={t('firstPassword.current')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          messages={{ required: t('firstPassword.currentRequired') }}
        />
        <Field
          label={t('firstPassword.newPassword')}
          hint={t('firstPassword.hint')}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          messages={{ required: t('firstPassword.newRequired') }}
        />
        <Field
          label={t('firstPassword.repeat')}
          name="repeatPassword"
          type="password"
          autoComplete="new-password"
          required
          messages={{ required: t('firstPassword.repeatRequired'), mismatch: t('firstPassword.mismatch') }}
        />
        <SubmitButton>{t('firstPassword.submit')}</SubmitButton>
      </Form>
      <p>
        <button type="button" className="link" onClick={() => void logout()}>
          {t('verify.cancel')}
        </button>
      </p>
    </section>
  );
}
