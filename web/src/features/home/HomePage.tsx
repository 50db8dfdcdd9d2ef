import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.ts';
import { Link, PageTitle, formatDateTime } from '../../ui/ui.tsx';
import { MyTasks, ReflectionWarnings } from '../casework/OverviewPages.tsx';

export function HomePage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const can = (permission: string) => session.permissions?.[permission] === true;
  const failed = session.failedLogins;
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
      {can('reflection.overview') && <ReflectionWarnings heading />}
      {can('tasks.mine') && <MyTasks />}
      <ul className="cards">
        {can('referrals.create') && <li><Link to="/referrals">{t('nav.referrals')}</Link></li>}
        {can('clients.list') && <li><Link to="/clients">{t('nav.clients')}</Link></li>}
        {can('statistics.published') && <li><Link to="/statistics">{t('nav.statistics')}</Link></li>}
        {can('accounts.manage') && <li><Link to="/admin/accounts">{t('nav.accounts')}</Link></li>}
        <li><Link to="/settings">{t('nav.settings')}</Link></li>
      </ul>
    </>
  );
}
