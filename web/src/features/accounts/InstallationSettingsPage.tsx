import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Shown } from '../../lib/api.ts';
import { useApiQuery } from '../../lib/query.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { PageTitle, StatusMessage } from '../../ui/ui.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { Field, TextAreaField } from '../../ui/form/fields.tsx';
import type { InstallationSettings, LetterSettings } from '#shared/api/installation.ts';
import { formText } from '../../lib/forms.ts';

const languages = ['fi', 'sv', 'en'] as const;

/**
 * What this installation's decision letters say of their sender and of the appeal: set by an
 * administrator, stored in the database, each change audited. A letter printed after a change shows the new details.
 */
export function InstallationSettingsPage() {
  const { t } = useTranslation('accounts');
  const settings = useApiQuery<Shown<InstallationSettings>>('/admin/installation');
  const [saved, setSaved] = useState(false);

  async function save(form: FormData) {
    setSaved(false);
    const inEach = (name: string) => ({
      fi: formText(form, `${name}.fi`),
      sv: formText(form, `${name}.sv`),
      en: formText(form, `${name}.en`),
    });
    const letter: LetterSettings = {
      systemName: inEach('systemName'),
      address: formText(form, 'address'),
      phone: formText(form, 'phone'),
      email: formText(form, 'email'),
      website: formText(form, 'website'),
      appealAuthority: inEach('appealAuthority'),
      appealAddress: formText(form, 'appealAddress'),
    };
    await api('PUT', '/admin/installation/letter', letter);
    setSaved(true);
    await settings.refetch();
  }

  return (
    <>
      <PageTitle>{t('installation.title')}</PageTitle>
      <p>{t('installation.intro')}</p>
      {saved && <StatusMessage>{t('installation.saved')}</StatusMessage>}
      <Loaded query={settings}>
        {({ letter }) => (
          <section aria-labelledby="letter-settings-heading" className="panel narrow">
            <h2 id="letter-settings-heading">{t('installation.letterTitle')}</h2>
            {!letter && <p className="notice warning">{t('installation.notSet')}</p>}
            <Form onSubmit={save}>
              <fieldset>
                <legend>{t('installation.sender')}</legend>
                {languages.map((language) => (
                  <Field
                    key={language}
                    label={t(`installation.systemName.${language}`)}
                    name={`systemName.${language}`}
                    defaultValue={letter?.systemName?.[language] ?? ''}
                    autoComplete="off"
                    required
                    messages={{ required: t(`installation.systemNameRequired.${language}`) }}
                  />
                ))}
                <TextAreaField
                  label={t('installation.address')}
                  name="address"
                  rows={3}
                  defaultValue={letter?.address ?? ''}
                  required
                  messages={{ required: t('installation.addressRequired') }}
                />
                <Field
                  label={t('installation.phone')}
                  name="phone"
                  type="tel"
                  defaultValue={letter?.phone ?? ''}
                  required
                  messages={{ required: t('installation.phoneRequired') }}
                />
                <Field
                  label={t('installation.email')}
                  name="email"
                  type="email"
                  defaultValue={letter?.email ?? ''}
                  required
                  messages={{ required: t('installation.emailRequired') }}
                />
                <Field label={t('installation.website')} name="website" defaultValue={letter?.website ?? ''} />
              </fieldset>
              <fieldset>
                <legend>{t('installation.appeal')}</legend>
                <p className="hint">{t('installation.appealHint')}</p>
                {languages.map((language) => (
                  <Field
                    key={language}
                    label={t(`installation.appealAuthority.${language}`)}
                    name={`appealAuthority.${language}`}
                    defaultValue={letter?.appealAuthority?.[language] ?? ''}
                    autoComplete="off"
                    required
                    messages={{ required: t(`installation.appealAuthorityRequired.${language}`) }}
                  />
                ))}
                <TextAreaField
                  label={t('installation.appealAddress')}
                  name="appealAddress"
                  rows={3}
                  defaultValue={letter?.appealAddress ?? ''}
                  required
                  messages={{ required: t('installation.appealAddressRequired') }}
                />
              </fieldset>
              <SubmitButton>{t('installation.save')}</SubmitButton>
            </Form>
          </section>
        )}
      </Loaded>
    </>
  );
}
