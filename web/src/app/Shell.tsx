import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { useCan, useSession } from '../lib/session.ts';
import { LanguageSwitch } from '../ui/ui.tsx';
import { navigation } from './pages.ts';

/** The logged-in application: who is logged in, language, logout, the navigation the session allows, the page. */
export function Shell() {
  const { t } = useTranslation();
  const { session, logout, setLanguage } = useSession();
  const can = useCan();
  const account = session.account!;
  const links = navigation.filter((route) => !route.permission || can(route.permission));

  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="site-header">
        <p className="brand">{t('appName')}</p>
        <div className="whoami">
          <span>{account.displayName}</span>
          <span>
            {t(`roles.${account.role}`)}
            {account.officeId ? ` · ${t(`offices.${account.officeId}`, { defaultValue: account.officeId })}` : ''}
          </span>
        </div>
        <LanguageSwitch onChange={(language) => void setLanguage(language)} />
        <button type="button" className="secondary" onClick={() => void logout()}>
          {t('logout')}
        </button>
      </header>
      <nav aria-label={t('nav.label')} className="main-nav">
        <ul>
          {links.map((route) => (
            <li key={route.path}>
              <NavLink to={route.path} end={route.path === '/'}>
                {t(route.nav!.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main">
        <Outlet />
      </main>
    </>
  );
}
