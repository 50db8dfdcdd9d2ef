import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.ts';
import { Link, PageTitle } from '../../ui/ui.tsx';
import { MyTasks, ReflectionWarnings } from '../casework/OverviewPages.tsx';

export function HomePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const can = (permission: string) => session.permissions?.[permission] === true;
  return (
    <>
      <PageTitle>{t('home.welcome', { name: session.account!.displayName })}</PageTitle>
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
