import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle, StatusMessage } from '../../ui/ui.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { Field } from '../../ui/form/fields.tsx';
import { passwordChangeErrorFields, sendPasswordChange } from '../../lib/passwordChange.ts';

export function SettingsPage() {
  const { t } = useTranslation('accounts');
  const [done, setDone] = useState(false);

  async function changePassword(form: FormData, element: HTMLFormElement) {
    setDone(false);
    await sendPasswordChange(form);
    element.reset();
    setDone(true);
  }

  return (
    <>
      <PageTitle>{t('settings.title')}</PageTitle>
      <section aria-labelledby="password-heading" className="panel narrow">
        <h2 id="password-heading">{t('settings.passwordTitle')}</h2>
        {done && <StatusMessage>{t('settings.passwordChanged')}</StatusMessage>}
        <Form onSubmit={changePassword} errorFields={passwordChangeErrorFields}>
          <Field
            label={t('settings.currentPassword')}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            messages={{ required: t('settings.currentPasswordRequired') }}
          />
          <Field
            label={t('settings.newPassword')}
            hint={t('settings.passwordHint')}
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            messages={{ required: t('settings.newPasswordRequired') }}
          />
          <SubmitButton>{t('settings.changePassword')}</SubmitButton>
        </Form>
      </section>
    </>
  );
}
