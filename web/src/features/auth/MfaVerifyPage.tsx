import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../lib/api.ts';
import { useSession } from '../../lib/session.ts';
import { PageTitle } from '../../ui/ui.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { Field } from '../../ui/form/fields.tsx';
import type { SecondFactor } from '#shared/api/auth.ts';
import { formText } from '../../lib/forms.ts';

export function MfaVerifyPage() {
  const { t } = useTranslation('auth');
  const { refresh, logout } = useSession();
  const [useRecovery, setUseRecovery] = useState(false);

  async function submit(form: FormData) {
    const value = formText(form, 'value');
    try {
      const answer: SecondFactor = useRecovery ? { recoveryCode: value } : { code: value.replace(/\s+/g, '') };
      await api('POST', '/auth/mfa/verify', answer);
      await refresh();
    } catch (caught) {
      // A login step that expired goes back to the start; a wrong code is told at the field.
      if (caught instanceof ApiError && caught.status === 401 && caught.problem.code !== 'invalid_code') await refresh();
      throw caught;
    }
  }

  return (
    <section className="narrow">
      <PageTitle>{t('verify.title')}</PageTitle>
      <p>{useRecovery ? t('verify.recoveryIntro') : t('verify.intro')}</p>
      <Form onSubmit={submit} errorFields={{ invalid_code: 'value' }} key={String(useRecovery)}>
        {useRecovery ? (
          <Field
            label={t('recovery.code')}
            name="value"
            path="recoveryCode"
            autoComplete="off"
            required
            messages={{ required: t('recoveryCodeRequired') }}
          />
        ) : (
          <Field
            label={t('code')}
            name="value"
            path="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            required
            messages={{ required: t('codeRequired') }}
          />
        )}
        <SubmitButton>{t('verify.submit')}</SubmitButton>
      </Form>
      <p>
        <button type="button" className="link" onClick={() => setUseRecovery(!useRecovery)}>
          {useRecovery ? t('verify.useApp') : t('verify.useRecovery')}
        </button>
      </p>
      <p>
        <button type="button" className="link" onClick={() => void logout()}>
          {t('verify.cancel')}
        </button>
      </p>
    </section>
  );
}
