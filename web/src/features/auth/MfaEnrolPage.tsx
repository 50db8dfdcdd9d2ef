import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../lib/api.ts';
import { useApiQuery } from '../../lib/query.ts';
import { useSession } from '../../lib/session.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { PageTitle } from '../../ui/ui.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { Field } from '../../ui/form/fields.tsx';
import { formText } from '../../lib/forms.ts';
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

  async function submit(form: FormData) {
    const code = formText(form, 'code').replace(/\s+/g, '');
    try {
      const done = await api<{ recoveryCodes: string[]; csrfToken: string }>('POST', '/auth/mfa/enrolment', { code } satisfies TotpCode);
      setRecoveryCodes(done.recoveryCodes);
    } catch (caught) {
      // A login step that expired goes back to the start; a wrong code is told at the field.
      if (caught instanceof ApiError && caught.status === 401 && caught.problem.code !== 'invalid_code') await refresh();
      throw caught;
    }
  }

  if (recoveryCodes) return <RecoveryCodes codes={recoveryCodes} onDone={() => void refresh()} />;
  return (
    <section className="narrow">
      <PageTitle>{t('enrol.title')}</PageTitle>
      <p>{t('enrol.intro')}</p>
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
            <Form onSubmit={submit} errorFields={{ invalid_code: 'code' }}>
              <Field
                label={t('code')}
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={7}
                required
                messages={{ required: t('codeRequired') }}
              />
              <SubmitButton>{t('enrol.submit')}</SubmitButton>
            </Form>
          </>
        )}
      </Loaded>
    </section>
  );
}
