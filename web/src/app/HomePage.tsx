import { useTranslation } from 'react-i18next';
import { useCan, useSession } from '../lib/session.ts';
import { Link } from '../ui/Link.tsx';
import { PageTitle, formatDateTime } from '../ui/ui.tsx';
import { HomeOverview, MyTasks, ReflectionWarnings } from '../features/casework/OverviewPages.tsx';
import { navigation } from './pages.ts';

/** Where a person lands: what needs their attention, and the pages they use most. */
export function HomePage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const can = useCan();
  const failed = session.failedLogins;
  const cards = navigation.filter((route) => route.nav!.onHomePage && (!route.permission || can(route.permission)));
  return (
    <>
      <PageTitle>{t('home.welcome', { name: session.account!.displayName })}</PageTitle>
      {/* Someone else may have tried the person's username: they are told on the home page throughout this session. */}
      {failed && failed.count > 0 && failed.lastAt && (
        <p className="notice warning" role="status">
          {t('home.failedLogins', { count: failed.count, at: formatDateTime(failed.lastAt, i18n.language) })}
        </p>
      )}
      <p>{t(`home.roleIntro.${session.account!.role}`)}</p>
      {can('overview.read') && <HomeOverview />}
      {can('reflection.overview') && <ReflectionWarnings heading />}
      {can('tasks.mine') && <MyTasks />}
      <ul className="cards">
        {cards.map((route) => (
          <li key={route.path}>
            <Link to={route.path}>{t(route.nav!.label)}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
