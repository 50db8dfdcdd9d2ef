import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useApiQuery } from '../../lib/query.ts';
import { useRecordRead } from '../../lib/recordRead.ts';
import { useCan } from '../../lib/session.ts';
import { LoadFailed, Loaded, Loading } from '../../ui/Loaded.tsx';
import { ReasonForm } from '../../ui/ReasonForm.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle, formatDate, formatDateTime } from '../../ui/ui.tsx';
import { ScrollingTable } from '../../ui/ScrollingTable.tsx';
import type { Shown } from '../../lib/api.ts';
import type { AccessLogEntry } from '#shared/api/clients.ts';
import {
  ChildrenSection,
  DocumentsSection,
  EndingSection,
  ExploitationSection,
  NotesSection,
  ReflectionSection,
  ServicesSection,
  TasksSection,
  TimelineSection,
} from './CaseworkSections.tsx';
import { codeName } from '../../ui/form/codeNames.ts';
import { CaseHeader } from './CaseHeader.tsx';
import type { ClientRecord } from './recordTypes.ts';

type AccessEntry = Shown<AccessLogEntry>;
type SectionId = 'summary' | 'case' | 'reflection' | 'notes' | 'tasks' | 'documents' | 'timeline' | 'access';

/**
 * A client's record: the case header, then one section at a time, chosen from the record's contents
 * (a list of links that wraps on a phone). The address keeps the section (`#notes`), never client data.
 * Only the parts the server's policy lets this person read are there; each read is audited.
 */
export function ClientPage() {
  const { t } = useTranslation('clients');
  const can = useCan();
  const id = useParams().clientId!;
  const { data: record, error, needsReason, open, reload, readMore } = useRecordRead<ClientRecord>(`/clients/${id}`);
  const [section, setSection] = useState<SectionId>(() => (window.location.hash.slice(1) as SectionId) || 'summary');
  const heading = useRef<HTMLDivElement>(null);
  const [moved, setMoved] = useState(false);

  useEffect(() => {
    if (moved) heading.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [section, moved]);

  if (needsReason) return <ReasonForm error={error} onReason={(reason) => void open(reason)} />;
  if (!record)
    return error ? (
      <>
        <PageTitle>{t('recordTitle')}</PageTitle>
        <LoadFailed error={error} onRetry={() => void reload()} />
      </>
    ) : (
      <Loading />
    );

  const again = () => void reload();
  const sections: Array<{ id: SectionId; shown: boolean; content: () => ReactNode }> = [
    {
      id: 'summary',
      shown: true,
      content: () => (
        <>
          <Summary record={record} />
          <ChildrenSection record={record} reload={again} />
        </>
      ),
    },
    {
      id: 'case',
      shown: Boolean(record.services || record.terminations || record.exploitations),
      content: () => (
        <>
          <ExploitationSection record={record} reload={again} />
          {record.services && <ServicesSection record={record} reload={again} />}
          <EndingSection record={record} reload={again} />
        </>
      ),
    },
    {
      id: 'reflection',
      shown: Boolean(record.reflectionPeriods || record.identifications || record.residence),
      content: () => <ReflectionSection record={record} reload={again} />,
    },
    { id: 'notes', shown: Boolean(record.notes), content: () => <NotesSection record={record} reload={again} readMore={readMore} /> },
    { id: 'tasks', shown: Boolean(record.tasks), content: () => <TasksSection record={record} reload={again} readMore={readMore} /> },
    {
      id: 'documents',
      shown: Boolean(record.documents),
      content: () => <DocumentsSection record={record} reload={again} readMore={readMore} />,
    },
    {
      id: 'timeline',
      shown: Boolean(record.timeline),
      content: () => <TimelineSection record={record} reload={again} readMore={readMore} />,
    },
    { id: 'access', shown: can('clients.accessLog'), content: () => <AccessLog clientId={id} /> },
  ];
  const shown = sections.filter((entry) => entry.shown);
  const current = shown.find((entry) => entry.id === section) ?? shown[0];

  const choose = (next: SectionId) => {
    window.history.replaceState(window.history.state, '', `#${next}`);
    setSection(next);
    setMoved(true);
  };

  return (
    <>
      <PageTitle>{record.identity?.name ?? t('recordTitle')}</PageTitle>
      <CaseHeader record={record} reload={again} />
      {(record.readable.includes('services') || record.readable.includes('coaching')) && (
        <p>
          <Link to={`/clients/${id}/pathway`}>{t('pathway:openFromRecord')}</Link>
        </p>
      )}
      <nav className="record-nav" aria-label={t('sections.label')}>
        <ul>
          {shown.map((entry) => (
            <li key={entry.id}>
              <a
                href={`#${entry.id}`}
                aria-current={entry.id === current.id ? 'true' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  choose(entry.id);
                }}
              >
                {t(`sections.${entry.id}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div ref={heading} className="record-section" key={current.id}>
        <FocusableHeadings>{current.content()}</FocusableHeadings>
      </div>
      <p className="muted">{t('youSee', { groups: record.readable.map((group) => t(`groups.${group}`)).join(', ') })}</p>
    </>
  );
}

/** The section's first heading takes focus when a section is chosen, so a screen reader hears where it landed. */
function FocusableHeadings({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector('h2')?.setAttribute('tabindex', '-1');
  });
  return <div ref={ref}>{children}</div>;
}

/** Identity and the protected contact details, when granted. */
function Summary({ record }: { record: ClientRecord }) {
  const { t, i18n } = useTranslation('clients');
  return (
    <>
      {record.identity && (
        <section aria-labelledby="identity-heading" className="panel">
          <h2 id="identity-heading">{t('groups.identity')}</h2>
          <dl>
            <dt>{t('birthDate')}</dt>
            <dd>
              {record.identity.birthDate ? formatDate(record.identity.birthDate, i18n.language) : '–'}
              {record.identity.birthDateEstimated ? ` (${t('estimated')})` : ''}
            </dd>
            <dt>{t('gender')}</dt>
            <dd>{t(`genders.${record.identity.gender}`)}</dd>
            <dt>{t('nationality')}</dt>
            <dd>{codeName('country', record.identity.nationality, i18n.language)}</dd>
          </dl>
        </section>
      )}
      {record.contact && (
        <section aria-labelledby="contact-heading" className="panel protected">
          <h2 id="contact-heading">{t('groups.contact')}</h2>
          <p className="muted">{t('protectedNotice')}</p>
          <dl>
            <dt>{t('contact')}</dt>
            <dd>{record.contact.contact ?? '–'}</dd>
            <dt>{t('whereabouts')}</dt>
            <dd>{record.contact.whereabouts ?? '–'}</dd>
          </dl>
        </section>
      )}
      {!record.identity && !record.contact && <p>{t('summaryEmpty')}</p>}
    </>
  );
}

/** Who has seen or changed the client's data: shown when asked for, and the showing is itself logged. */
function AccessLog({ clientId }: { clientId: string }) {
  const { t, i18n } = useTranslation('clients');
  const { t: tc } = useTranslation();
  const [showLog, setShowLog] = useState(false);
  const log = useApiQuery<AccessEntry[]>(showLog ? `/clients/${clientId}/access-log` : null);
  return (
    <section aria-labelledby="log-heading" className="panel">
      <h2 id="log-heading">{t('accessLog.title')}</h2>
      <p>{t('accessLog.intro')}</p>
      {!showLog && (
        <button type="button" onClick={() => setShowLog(true)}>
          {t('accessLog.show')}
        </button>
      )}
      {showLog && (
        <Loaded query={log}>
          {(entries) => (
            <ScrollingTable caption={t('accessLog.title')} captionHidden landmark={false}>
              <thead>
                <tr>
                  <th scope="col">{t('accessLog.when')}</th>
                  <th scope="col">{t('accessLog.who')}</th>
                  <th scope="col">{t('accessLog.what')}</th>
                  <th scope="col">{t('accessLog.groups')}</th>
                  <th scope="col">{t('accessLog.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry, index) => (
                  <tr key={index}>
                    <td>{formatDateTime(entry.at, i18n.language)}</td>
                    <td>
                      {entry.actorName ?? '–'}
                      {entry.actorRole ? ` (${tc(`roles.${entry.actorRole}`, { defaultValue: entry.actorRole })})` : ''}
                    </td>
                    <td>
                      {t(`accessLog.actions.${entry.action.replace('.', '_')}`, { defaultValue: entry.action })}
                      {entry.outcome !== 'succeeded' ? ` – ${t(`accessLog.outcomes.${entry.outcome}`)}` : ''}
                    </td>
                    <td>{entry.fieldGroups.map((group) => t(`groups.${group}`)).join(', ')}</td>
                    <td>{entry.reason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollingTable>
          )}
        </Loaded>
      )}
    </section>
  );
}
