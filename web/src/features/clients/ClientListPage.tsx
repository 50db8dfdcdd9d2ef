import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, type Shown } from '../../lib/api.ts';
import { useApiQuery } from '../../lib/query.ts';
import { useCan } from '../../lib/session.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle } from '../../ui/ui.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { CountryField } from '../../ui/form/CountryField.tsx';
import { DateField, Field, SelectField } from '../../ui/form/fields.tsx';
import { genders } from '#shared/codes.ts';
import type { NewClient } from '#shared/api/clients.ts';
import type { ClientSummary } from '#shared/api/clientRecord.ts';
import { formCode, formDay, formText, formTextOrNull } from '../../lib/forms.ts';

export function ClientListPage() {
  const { t } = useTranslation('clients');
  const { t: tc } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const clients = useApiQuery<Array<Shown<ClientSummary>>>('/clients');

  async function create(form: FormData) {
    const client: NewClient = {
      name: formText(form, 'name'),
      birthDate: formDay(form, 'birthDate'),
      gender: formCode(form, 'gender'),
      nationality: formCode(form, 'nationality'),
      contact: formTextOrNull(form, 'contact'),
      whereabouts: formTextOrNull(form, 'whereabouts'),
    };
    const created = await api<{ id: string }>('POST', '/clients', client);
    void navigate(`/clients/${created.id}`);
  }

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
          <Form onSubmit={create} errorFields={{ office_required: 'name' }}>
            <Field label={t('name')} name="name" autoComplete="off" required messages={{ required: t('problems.nameRequired') }} />
            <DateField label={t('birthDate')} name="birthDate" required messages={{ required: t('problems.birthDateRequired') }} />
            <SelectField
              label={t('gender')}
              name="gender"
              required
              messages={{ required: t('problems.genderRequired') }}
              options={genders.map((g) => ({ value: g, label: t(`genders.${g}`) }))}
            />
            <CountryField
              label={t('nationality')}
              name="nationality"
              required
              messages={{ required: t('problems.nationalityRequired'), pattern: t('problems.nationalityPattern') }}
            />
            <Field label={t('contact')} hint={t('protectedHint')} name="contact" autoComplete="off" />
            <Field label={t('whereabouts')} hint={t('protectedHint')} name="whereabouts" autoComplete="off" />
            <SubmitButton>{t('create')}</SubmitButton>
          </Form>
        </section>
      )}
    </>
  );
}
