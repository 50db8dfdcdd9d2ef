import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../lib/query.ts';
import type { Shown } from '../../lib/api.ts';
import type { MyTask } from '#shared/api/casework.ts';
import type { IdentificationQueueEntry } from '#shared/api/identification.ts';
import type { EndingReflectionPeriod } from '#shared/api/reflection.ts';
import { Loaded } from '../../ui/Loaded.tsx';
import { Link } from '../../ui/Link.tsx';
import { PageTitle, formatDate } from '../../ui/ui.tsx';

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
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t('ui.identificationQueueTitle')}</caption>
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
              </table>
            </div>
          )
        }
      </Loaded>
    </>
  );
}

export function MyTasks() {
  const { t, i18n } = useTranslation('casework');
  const tasks = useApiQuery<Array<Shown<MyTask>>>('/me/tasks');
  // No tasks, no section; a failed load is still said, with a way to try again.
  if (tasks.data?.length === 0) return null;
  return (
    <section aria-labelledby="tasks-heading" className="panel">
      <h2 id="tasks-heading">{t('ui.myTasks')}</h2>
      <Loaded query={tasks}>
        {(list) => (
          <ul>
            {list.map((task) => (
              <li key={task.id}>
                {formatDate(task.dueOn, i18n.language)}: {task.title} –{' '}
                <Link to={`/clients/${task.clientId}`}>{task.clientName ?? '–'}</Link>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </section>
  );
}
