import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../lib/api.ts';
import { useApiQuery } from '../../lib/query.ts';
import { useSession } from '../../lib/session.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { ErrorMessage, Field, PageTitle, fieldErrors } from '../../ui/ui.tsx';
import { RecoveryCodes } from './RecoveryCodes.tsx';
import type { TotpCode } from '#shared/api/auth.ts';

interface Enrolment {
  secret: string;
  uri: string;
  qrSvg: string;
}

export function MfaEnrolPage() {
  const { t } = useTranslation('auth');
  const { refresh } = useSession();
  // Asked once per session step: each answer is a new secret, so it is never fetched again behind the person's back.
  const enrolment = useApiQuery<Enrolment>('/auth/mfa/enrolment', { staleTime: Infinity });
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '').replace(/\s+/g, '');
    try {
      const done = await api<{ recoveryCodes: string[]; csrfToken: string }>('POST', '/auth/mfa/enrolment', { code } satisfies TotpCode);
      setRecoveryCodes(done.recoveryCodes);
    } catch (caught) {
      setError(caught as ApiError);
      if ((caught as ApiError).status === 401 && (caught as ApiError).problem.code !== 'invalid_code') await refresh();
    }
  }

  if (recoveryCodes) return <RecoveryCodes codes={recoveryCodes} onDone={() => void refresh()} />;
  const errors = fieldErrors(error);
  return (
    <section className="narrow">
      <PageTitle>{t('enrol.title')}</PageTitle>
      <p>{t('enrol.intro')}</p>
      <ErrorMessage error={error} />
      <Loaded query={enrolment}>
        {(enrolment) => (
          <>
            <ol className="steps">
              <li>
                {t('enrol.scan')}
                <img
                  className="qr"
                  src={`data:image/svg+xml;base64,${btoa(enrolment.qrSvg)}`}
                  alt={t('enrol.qrAlt')}
                  width={200}
                  height={200}
                />
              </li>
              <li>
                {t('enrol.manual')}{' '}
                <code className="secret" data-testid="totp-secret">
                  {enrolment.secret.match(/.{1,4}/g)!.join(' ')}
                </code>
              </li>
              <li>{t('enrol.enterCode')}</li>
            </ol>
            <form onSubmit={submit} noValidate>
              <Field
                label={t('code')}
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]*"
                maxLength={7}
                required
                error={errors.code}
              />
              <button type="submit">{t('enrol.submit')}</button>
            </form>
          </>
        )}
      </Loaded>
    </section>
  );
}
