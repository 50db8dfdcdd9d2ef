import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, ApiError, type Shown } from '../../lib/api.ts';
import { useOfficesAndOrganisations } from '../../lib/places.ts';
import { useApiQuery } from '../../lib/query.ts';
import { useCan } from '../../lib/session.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle, StatusMessage, formatDateTime } from '../../ui/ui.tsx';
import { ScrollingTable } from '../../ui/ScrollingTable.tsx';
import { Form, SubmitButton } from '../../ui/form/Form.tsx';
import { CheckboxField, Field, SelectField } from '../../ui/form/fields.tsx';
import { referralSources } from '#shared/codes.ts';
import type { QueueSearch, QueueSearchResult, SentReferral } from '#shared/api/referrals.ts';
import { formChecked, formCodeOrNull, formText } from '../../lib/forms.ts';

type Row = Shown<NonNullable<QueueSearchResult['rows']>[number]>;
type Result = Omit<Shown<QueueSearchResult>, 'rows'> & { rows: Row[] };
type SentEntry = Shown<SentReferral>;

const states = ['open', 'admitted', 'rejected', 'withdrawn'] as const;
const ages = ['child', 'adult', 'unknown'] as const;
const sorts = ['longest_waiting', 'newest', 'name'] as const;

/** Staff see the intake queue; a partner sees what their organisation has sent. Both refer on their own page. */
export function ReferralsPage() {
  const { t } = useTranslation('referrals');
  const can = useCan();
  const staff = can('referrals.queue');
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  return (
    <>
      <PageTitle>{staff ? t('queueTitle') : t('sentTitle')}</PageTitle>
      {notice && <StatusMessage>{notice}</StatusMessage>}
      <p>
        <Link to="/referrals/new" className="button">
          {t('new')}
        </Link>
      </p>
      {staff ? <IntakeQueue /> : <SentReferrals />}
    </>
  );
}

/** A person's name as a link's words, or that none was given: a screen reader never hears a dash. */
function PersonName({ name }: { name: string | null }) {
  const { t } = useTranslation('referrals');
  return <>{name ?? t('noName')}</>;
}

function SentReferrals() {
  const { t, i18n } = useTranslation('referrals');
  const sent = useApiQuery<SentEntry[]>('/referrals/sent');
  return (
    <Loaded query={sent}>
      {(list) =>
        list.length === 0 ? (
          <p>{t('noneSent')}</p>
        ) : (
          <ScrollingTable caption={t('sentTitle')} captionHidden>
            <thead>
              <tr>
                <th scope="col">{t('person')}</th>
                <th scope="col">{t('received')}</th>
                <th scope="col">{t('status')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <PersonName name={entry.name} />
                  </td>
                  <td>{formatDateTime(entry.receivedAt, i18n.language)}</td>
                  <td>{t(`statuses.${entry.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </ScrollingTable>
        )
      }
    </Loaded>
  );
}

/**
 * The intake queue under pressure: a search by name (sent in the request's body, never the address),
 * filters, an order, and 25 to a page. What was asked stays while the page is open.
 */
function IntakeQueue() {
  const { t } = useTranslation('referrals');
  const { t: tc } = useTranslation();
  const { offices } = useOfficesAndOrganisations();
  const [search, setSearch] = useState<QueueSearch>({});
  const [page, setPage] = useState(1);
  const query = useQuery<Result, ApiError>({
    queryKey: ['referrals/queue/search', search, page],
    queryFn: () => api<Result>('POST', '/referrals/queue/search', { ...search, page }),
    placeholderData: keepPreviousData,
  });

  function apply(form: FormData) {
    setSearch({
      ...(formText(form, 'name') ? { name: formText(form, 'name') } : {}),
      ...(formText(form, 'officeId') ? { officeId: formText(form, 'officeId') } : {}),
      ...(formCodeOrNull(form, 'source') ? { source: formCodeOrNull<NonNullable<QueueSearch['source']>>(form, 'source')! } : {}),
      ...(formCodeOrNull(form, 'age') ? { age: formCodeOrNull<NonNullable<QueueSearch['age']>>(form, 'age')! } : {}),
      state: formCodeOrNull<NonNullable<QueueSearch['state']>>(form, 'state') ?? 'open',
      ...(formChecked(form, 'acuteThreat') ? { acuteThreat: true } : {}),
      sort: formCodeOrNull<NonNullable<QueueSearch['sort']>>(form, 'sort') ?? 'longest_waiting',
    });
    setPage(1);
  }

  return (
    <>
      <section aria-labelledby="search-heading" className="panel" role="search">
        <h2 id="search-heading">{t('search.title')}</h2>
        <Form onSubmit={apply} aria-labelledby="search-heading">
          <Field label={t('search.name')} name="name" autoComplete="off" hint={t('search.nameHint')} />
          <div className="queue-filters">
            <SelectField
              label={t('search.state')}
              name="state"
              placeholder={false}
              defaultValue="open"
              options={states.map((state) => ({ value: state, label: t(`statuses.${state}`) }))}
            />
            <SelectField
              label={t('office')}
              name="officeId"
              placeholder={t('search.any')}
              options={[
                ...offices.map((office) => ({ value: office.id, label: tc(`offices.${office.id}`, { defaultValue: office.name }) })),
                { value: 'none', label: t('search.noOffice') },
              ]}
            />
            <SelectField
              label={t('source')}
              name="source"
              placeholder={t('search.any')}
              options={referralSources.map((code) => ({ value: code, label: t(`statistics:sources.${code}`) }))}
            />
            <SelectField
              label={t('search.age')}
              name="age"
              placeholder={t('search.any')}
              options={ages.map((age) => ({ value: age, label: t(`search.ages.${age}`) }))}
            />
            <SelectField
              label={t('search.sort')}
              name="sort"
              placeholder={false}
              defaultValue="longest_waiting"
              options={sorts.map((sort) => ({ value: sort, label: t(`search.sorts.${sort}`) }))}
            />
          </div>
          <CheckboxField label={t('search.acuteOnly')} name="acuteThreat" />
          <SubmitButton>{t('search.submit')}</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="results-heading">
        <h2 id="results-heading">{t('search.results')}</h2>
        <Loaded query={query}>
          {(result) => (
            <>
              <p role="status">{t('search.found', { count: result.total })}</p>
              {result.rows.length > 0 && <QueueTable rows={result.rows} showStatus={(search.state ?? 'open') !== 'open'} />}
              <Pagination page={result.page} pages={Math.max(1, Math.ceil(result.total / result.pageSize))} onPage={setPage} />
            </>
          )}
        </Loaded>
      </section>
    </>
  );
}

function QueueTable({ rows, showStatus }: { rows: Row[]; showStatus: boolean }) {
  const { t, i18n } = useTranslation('referrals');
  const { t: tc } = useTranslation();
  return (
    <ScrollingTable caption={t('search.results')} captionHidden landmark={false}>
      <thead>
        <tr>
          <th scope="col">{t('person')}</th>
          <th scope="col">{t('received')}</th>
          <th scope="col">{t('waited')}</th>
          <th scope="col">{t('source')}</th>
          <th scope="col">{t('office')}</th>
          <th scope="col">{t('flags')}</th>
          {showStatus && <th scope="col">{t('status')}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((entry) => (
          <tr key={entry.id}>
            <td>
              <Link to={`/referrals/${entry.id}`}>
                <PersonName name={entry.name} />
              </Link>
            </td>
            <td>{formatDateTime(entry.receivedAt, i18n.language)}</td>
            <td>{t('days', { count: entry.waitedDays })}</td>
            <td>
              {t(`statistics:sources.${entry.source}`)}
              {entry.referrerOrganisation ? ` (${entry.referrerOrganisation})` : ''}
            </td>
            <td>{entry.officeId ? tc(`offices.${entry.officeId}`, { defaultValue: entry.officeId }) : t('search.noOffice')}</td>
            <td>
              {[
                entry.acuteThreat && t('acuteThreat'),
                entry.safePlace === false && t('noSafePlace'),
                entry.consent === 'child_override' && t('childOverride'),
              ]
                .filter(Boolean)
                .join(', ')}
            </td>
            {showStatus && <td>{t(`statuses.${entry.status}`)}</td>}
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

/** Pages as buttons in a navigation landmark: previous, each page near this one, next; the current one marked. */
function Pagination({ page, pages, onPage }: { page: number; pages: number; onPage: (page: number) => void }) {
  const { t } = useTranslation('referrals');
  if (pages <= 1) return null;
  const near = [...new Set([1, page - 1, page, page + 1, pages])].filter((each) => each >= 1 && each <= pages).sort((a, b) => a - b);
  const go = (to: number) => {
    onPage(to);
    document.getElementById('results-heading')?.scrollIntoView?.({ block: 'start' });
  };
  return (
    <nav className="pagination" aria-label={t('search.pages')}>
      <p>{t('search.pageOf', { page, pages })}</p>
      <ul>
        {page > 1 && (
          <li>
            <button type="button" className="secondary" onClick={() => go(page - 1)}>
              {t('search.previous')}
            </button>
          </li>
        )}
        {near.map((each) => (
          <li key={each}>
            <button
              type="button"
              className="secondary"
              aria-current={each === page ? 'page' : undefined}
              aria-label={t('search.pageNumber', { page: each })}
              onClick={() => go(each)}
            >
              {each}
            </button>
          </li>
        ))}
        {page < pages && (
          <li>
            <button type="button" className="secondary" onClick={() => go(page + 1)}>
              {t('search.next')}
            </button>
          </li>
        )}
      </ul>
    </nav>
  );
}
