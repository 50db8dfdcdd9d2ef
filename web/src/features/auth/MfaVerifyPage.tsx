import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../lib/api.ts';
import { useSession } from '../../lib/session.ts';
import { ErrorMessage, Field, PageTitle, fieldErrors } from '../../ui/ui.tsx';
import type { SecondFactor } from '#shared/api/auth.ts';

export function MfaVerifyPage() {
  const { t } = useTranslation('auth');
  const { refresh, logout } = useSession();
  const [useRecovery, setUseRecovery] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('value') ?? '').trim();
    try {
      const answer: SecondFactor = useRecovery ? { recoveryCode: value } : { code: value.replace(/\s+/g, '') };
      await api('POST', '/auth/mfa/verify', answer);
      await refresh();
    } catch (caught) {
      setError(caught as ApiError);
      if ((caught as ApiError).status === 401 && (caught as ApiError).problem.code !== 'invalid_code') await refresh();
    }
  }

  const errors = fieldErrors(error);
  return (
    <section className="narrow">
      <PageTitle>{t('verify.title')}</PageTitle>
      <p>{useRecovery ? t('verify.recoveryIntro') : t('verify.intro')}</p>
      <ErrorMessage error={error} />
      <form onSubmit={submit} noValidate key={String(useRecovery)}>
        {useRecovery ? (
          <Field label={t('recovery.code')} name="value" autoComplete="off" required error={errors.recoveryCode} />
        ) : (
          <Field
            label={t('code')}
            name="value"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            required
            error={errors.code}
          />
        )}
        <button type="submit">{t('verify.submit')}</button>
      </form>
      <p>
        <button
          type="button"
          className="link"
          onClick={() => {
            setUseRecovery(!useRecovery);
            setError(null);
          }}
        >
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
