import { useTranslation } from 'react-i18next';
import { useSession } from './session.ts';
import { usePath } from './router.ts';
import { LanguageSwitch, Link } from '../ui/ui.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { AdminAccountsPage } from '../features/accounts/AdminAccountsPage.tsx';
import { SettingsPage } from '../features/accounts/SettingsPage.tsx';
import { AccountGrantsPage } from '../features/accounts/AccountGrantsPage.tsx';
import { ClientListPage } from '../features/clients/ClientListPage.tsx';
import { ClientPage } from '../features/clients/ClientPage.tsx';
import { NotFoundPage } from '../features/home/NotFoundPage.tsx';
import { StatisticsPage } from '../features/statistics/StatisticsPage.tsx';
import { ReferralsPage } from '../features/referrals/ReferralsPage.tsx';
import { DecisionLetterPage, ReferralPage } from '../features/referrals/ReferralPage.tsx';
import { IdentificationQueuePage, ReflectionOverviewPage } from '../features/casework/OverviewPages.tsx';
import { RegisterExchangePage } from '../features/exchange/RegisterExchangePage.tsx';

/** The logged-in application: navigation by what the role may do, who is logged in, language, logout. */
export function Shell() {
  const { t } = useTranslation();
  const { session, logout, setLanguage } = useSession();
  const path = usePath();
  const account = session.account!;
  const can = (permission: string) => session.permissions?.[permission] === true;

  const links = [
    { to: '/', label: t('nav.home'), show: true },
    { to: '/referrals', label: t('nav.referrals'), show: can('referrals.create') },
    { to: '/clients', label: t('nav.clients'), show: can('clients.list') },
    { to: '/reflection-periods', label: t('nav.reflection'), show: can('reflection.overview') },
    { to: '/identification', label: t('nav.identification'), show: can('identification.queue') },
    { to: '/statistics', label: t('nav.statistics'), show: can('statistics.published') },
    { to: '/admin/accounts', label: t('nav.accounts'), show: can('accounts.manage') },
    { to: '/account-grants', label: t('nav.grants'), show: can('accounts.confirmGrants') },
    { to: '/admin/register', label: t('nav.exchange'), show: can('exchange.import') },
    { to: '/settings', label: t('nav.settings'), show: true },
  ].filter((link) => link.show);

  const clientMatch = path.match(/^\/clients\/([0-9a-f-]{36})$/);
  const referralMatch = path.match(/^\/referrals\/([0-9a-f-]{36})(\/letter)?$/);
  let page;
  if (path === '/') page = <HomePage />;
  else if (path === '/referrals' && can('referrals.create')) page = <ReferralsPage />;
  else if (referralMatch && can('referrals.queue')) page = referralMatch[2] ? <DecisionLetterPage key={path} id={referralMatch[1]} /> : <ReferralPage key={path} id={referralMatch[1]} />;
  else if (path === '/reflection-periods' && can('reflection.overview')) page = <ReflectionOverviewPage />;
  else if (path === '/identification' && can('identification.queue')) page = <IdentificationQueuePage />;
  else if (path === '/clients' && can('clients.list')) page = <ClientListPage />;
  else if (clientMatch && can('clients.read')) page = <ClientPage key={clientMatch[1]} id={clientMatch[1]} />;
  else if (path === '/statistics' && can('statistics.published')) page = <StatisticsPage />;
  else if (path === '/admin/accounts' && can('accounts.manage')) page = <AdminAccountsPage />;
  else if (path === '/account-grants' && can('accounts.confirmGrants')) page = <AccountGrantsPage />;
  else if (path === '/admin/register' && can('exchange.import')) page = <RegisterExchangePage />;
  else if (path === '/settings') page = <SettingsPage />;
  else page = <NotFoundPage />;

  return (
    <>
      <a className="skip-link" href="#main">{t('skipToContent')}</a>
      <header className="site-header">
        <p className="brand">{t('appName')}</p>
        <div className="whoami">
          <span>{account.displayName}</span>
          <span>{t(`roles.${account.role}`)}{account.officeId ? ` · ${t(`offices.${account.officeId}`, { defaultValue: account.officeId })}` : ''}</span>
        </div>
        <LanguageSwitch onChange={(language) => void setLanguage(language)} />
        <button type="button" className="secondary" onClick={() => void logout()}>{t('logout')}</button>
      </header>
      <nav aria-label={t('nav.label')} className="main-nav">
        <ul>
          {links.map((link) => {
            const current = link.to === '/' ? path === '/' : path.startsWith(link.to);
            return <li key={link.to}><Link to={link.to} aria-current={current ? 'page' : undefined}>{link.label}</Link></li>;
          })}
        </ul>
      </nav>
      <main id="main">{page}</main>
    </>
  );
}
