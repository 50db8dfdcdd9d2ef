import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../lib/query.ts';
import type { Shown } from '../../lib/api.ts';
import type { MyTask } from '#shared/api/casework.ts';
import type { IdentificationQueueEntry } from '#shared/api/identification.ts';
import type { EndingReflectionPeriod } from '#shared/api/reflection.ts';
import type { Overview } from '#shared/api/overview.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle, formatDate } from '../../ui/ui.tsx';
import { ScrollingTable } from '../../ui/ScrollingTable.tsx';
import { helsinkiDate } from '#shared/dates.ts';

type EndingPeriod = Shown<EndingReflectionPeriod>;
type Waiting = Shown<IdentificationQueueEntry>;

/** Reflection periods ending soon: shown on its own page and, for the actor's clients, on the home page. */
export function ReflectionWarnings({ heading = false }: { heading?: boolean }) {
  const { t, i18n } = useTranslation('casework');
  const periods = useApiQuery<EndingPeriod[]>('/reflection-periods/ending');
  return (
    <section aria-labelledby="ending-heading" className="panel">
      {heading ? (
        <h2 id="ending-heading">{t('ui.reflectionOverviewTitle')}</h2>
      ) : (
        <p id="ending-heading">{t('ui.reflectionOverviewIntro')}</p>
      )}
      <Loaded query={periods}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('ui.none')}</p>
          ) : (
            <ul>
              {list.map((period) => (
                <li key={`${period.clientId}${period.start}`} className={`warning-${period.warning}`}>
                  <Link to={`/clients/${period.clientId}`}>{period.name ?? '–'}</Link>: {formatDate(period.end, i18n.language)} –{' '}
                  {t(`warnings.${period.warning}`)} ({t('ui.daysLeft', { count: Math.max(period.daysLeft, 0) })})
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}

export function ReflectionOverviewPage() {
  const { t } = useTranslation('casework');
  return (
    <>
      <PageTitle>{t('ui.reflectionOverviewTitle')}</PageTitle>
      <ReflectionWarnings />
    </>
  );
}

export function IdentificationQueuePage() {
  const { t, i18n } = useTranslation('casework');
  const queue = useApiQuery<Waiting[]>('/identification/queue');
  return (
    <>
      <PageTitle>{t('ui.identificationQueueTitle')}</PageTitle>
      <p>{t('ui.identificationQueueIntro')}</p>
      <Loaded query={queue}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('ui.none')}</p>
          ) : (
            <ScrollingTable caption={t('ui.identificationQueueTitle')} captionHidden>
              <thead>
                <tr>
                  <th scope="col">{t('ui.identification')}</th>
                  <th scope="col">{t('ui.waited')}</th>
                  <th scope="col">{t('ui.meetingDate')}</th>
                  <th scope="col">{t('ui.statements')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((entry) => (
                  <tr key={entry.clientId}>
                    <td>
                      <Link to={`/clients/${entry.clientId}`}>{entry.name ?? '–'}</Link>
                    </td>
                    <td>{t('referrals:days', { count: entry.waitedDays })}</td>
                    <td>{entry.meetingDate ? formatDate(entry.meetingDate, i18n.language) : '–'}</td>
                    <td>{entry.statements}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollingTable>
          )
        }
      </Loaded>
    </>
  );
}

/** The person's open tasks: on the home page (nothing when there are none) and on their own page. */
export function MyTasks({ page = false }: { page?: boolean }) {
  const { t, i18n } = useTranslation('casework');
  const tasks = useApiQuery<Array<Shown<MyTask>>>('/me/tasks');
  const today = helsinkiDate();
  // No tasks, no section on the home page; a failed load is still said, with a way to try again.
  if (tasks.data?.length === 0 && !page) return null;
  return (
    <section aria-labelledby={page ? undefined : 'tasks-heading'} className={page ? undefined : 'panel'}>
      {!page && <h2 id="tasks-heading">{t('ui.myTasks')}</h2>}
      <Loaded query={tasks}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('ui.none')}</p>
          ) : (
            <ul>
              {list.map((task) => (
                <li key={task.id}>
                  {formatDate(task.dueOn, i18n.language)}
                  {task.dueOn < today && <strong> ({t('ui.overdue')})</strong>}: {task.title} –{' '}
                  <Link to={`/clients/${task.clientId}`}>{task.clientName ?? '–'}</Link>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}

export function MyTasksPage() {
  const { t } = useTranslation('casework');
  return (
    <>
      <PageTitle>{t('ui.myTasks')}</PageTitle>
      <MyTasks page />
    </>
  );
}

type Counts = Shown<Overview>;

/**
 * What waits for the person, in numbers, each a link to the list it counts. The server leaves out
 * what the person may not list, so a count absent here is never shown as 0.
 */
export function HomeOverview() {
  const { t } = useTranslation('casework');
  const overview = useApiQuery<Counts>('/overview');
  return (
    <section aria-labelledby="overview-heading" className="panel">
      <h2 id="overview-heading">{t('overview.title')}</h2>
      <Loaded query={overview}>
        {(counts) => {
          const { referrals, reflectionEnding, tasks } = counts;
          return (
            <ul className="overview-counts">
              {referrals && (
                <li>
                  <Link to="/referrals">{t('overview.referralsWaiting', { count: referrals.waiting })}</Link>
                  {referrals.waiting! > 0 && referrals.oldestWaitedDays != null && (
                    <span className="hint">{t('overview.oldestWaited', { count: referrals.oldestWaitedDays })}</span>
                  )}
                </li>
              )}
              {referrals && (
                <li>
                  <Link to="/referrals">{t('overview.matchesToConfirm', { count: referrals.matchesToConfirm })}</Link>
                </li>
              )}
              {counts.sentReferralsWaiting !== undefined && (
                <li>
                  <Link to="/referrals">{t('overview.sentWaiting', { count: counts.sentReferralsWaiting })}</Link>
                </li>
              )}
              {counts.identificationWaiting !== undefined && (
                <li>
                  <Link to="/identification">{t('overview.identificationWaiting', { count: counts.identificationWaiting })}</Link>
                </li>
              )}
              {reflectionEnding && (
                <li>
                  <Link to="/reflection-periods">{t('overview.reflectionEnding', { count: reflectionEnding.within30Days })}</Link>
                  <span className="hint">
                    {t('overview.within', { days: 14, count: reflectionEnding.within14Days })},{' '}
                    {t('overview.within', { days: 7, count: reflectionEnding.within7Days })}
                  </span>
                </li>
              )}
              {tasks && (
                <li>
                  <Link to="/tasks">{t('overview.tasksOverdue', { count: tasks.overdue })}</Link>
                </li>
              )}
              {tasks && (
                <li>
                  <Link to="/tasks">{t('overview.tasksThisWeek', { count: tasks.dueThisWeek })}</Link>
                </li>
              )}
              {counts.consultationsWaiting !== undefined && (
                <li>
                  <Link to="/consultations">{t('overview.consultationsWaiting', { count: counts.consultationsWaiting })}</Link>
                </li>
              )}
              {counts.pendingGrants !== undefined && (
                <li>
                  <Link to="/account-grants">{t('overview.pendingGrants', { count: counts.pendingGrants })}</Link>
                </li>
              )}
            </ul>
          );
        }}
      </Loaded>
    </section>
  );
}
