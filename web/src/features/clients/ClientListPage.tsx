import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ApiError, type Shown } from '../../lib/api.ts';
import { useApiQuery } from '../../lib/query.ts';
import { useCan } from '../../lib/session.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { Link } from '../../ui/Link.tsx';
import { ErrorMessage, Field, PageTitle, SelectField, fieldErrors } from '../../ui/ui.tsx';
import { genders } from '#shared/codes.ts';
import type { NewClient } from '#shared/api/clients.ts';
import type { ClientSummary } from '#shared/api/clientRecord.ts';
import { formCode, formText } from '../../lib/forms.ts';

export function ClientListPage() {
  const { t } = useTranslation('clients');
  const { t: tc } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const clients = useApiQuery<Array<Shown<ClientSummary>>>('/clients');
  const [error, setError] = useState<ApiError | null>(null);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim() || null;
    setError(null);
    try {
      const client: NewClient = {
        name: formText(form, 'name'),
        birthDate: formText(form, 'birthDate'),
        gender: formCode(form, 'gender'),
        nationality: formText(form, 'nationality').toUpperCase(),
        contact: value('contact'),
        whereabouts: value('whereabouts'),
      };
      const created = await api<{ id: string }>('POST', '/clients', client);
      void navigate(`/clients/${created.id}`);
    } catch (caught) {
      setError(caught as ApiError);
    }
  }

  const errors = fieldErrors(error);
  return (
    <>
      <PageTitle>{t('listTitle')}</PageTitle>
      <Loaded query={clients}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('none')}</p>
          ) : (
            <ul className="client-list">
              {list.map((client) => (
                <li key={client.id}>
                  <Link to={`/clients/${client.id}`}>{client.name ?? t('unnamed')}</Link>{' '}
                  {client.officeId && <span className="muted">{tc(`offices.${client.officeId}`, { defaultValue: client.officeId })}</span>}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      {can('clients.create') && (
        <section aria-labelledby="new-client" className="panel">
          <h2 id="new-client">{t('createTitle')}</h2>
          <ErrorMessage error={error} />
          <form onSubmit={create} noValidate>
            <Field label={t('name')} name="name" autoComplete="off" required error={errors.name} />
            <Field label={t('birthDate')} name="birthDate" type="date" error={errors.birthDate} />
            <SelectField
              label={t('gender')}
              name="gender"
              options={genders.map((g) => ({ value: g, label: t(`genders.${g}`) }))}
              error={errors.gender}
            />
            <Field
              label={t('nationality')}
              hint={t('nationalityHint')}
              name="nationality"
              autoComplete="off"
              required
              error={errors.nationality}
            />
            <Field label={t('contact')} hint={t('protectedHint')} name="contact" autoComplete="off" error={errors.contact} />
            <Field label={t('whereabouts')} hint={t('protectedHint')} name="whereabouts" autoComplete="off" error={errors.whereabouts} />
            <button type="submit">{t('create')}</button>
          </form>
        </section>
      )}
    </>
  );
}
