import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { useCan, useSession } from '../lib/session.ts';
import { LanguageSwitch } from '../ui/ui.tsx';
import { navigation } from './pages.ts';

/**
 * The logged-in application: who is logged in, language, logout, the navigation the session allows, the page.
 * On a narrow screen the navigation folds behind a "Menu" button (a disclosure: `aria-expanded`), which
 * closes again on Esc and when a page is chosen.
 */
export function Shell() {
  const { t } = useTranslation();
  const { session, logout, setLanguage } = useSession();
  const can = useCan();
  const account = session.account!;
  const links = navigation.filter((route) => !route.permission || can(route.permission));
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const menuId = useId();

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
      <nav
        aria-label={t('nav.label')}
        className={menuOpen ? 'main-nav main-nav--open' : 'main-nav'}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && menuOpen) {
            setMenuOpen(false);
            menuButton.current?.focus();
          }
        }}
      >
        <button
          type="button"
          ref={menuButton}
          className="menu-button secondary"
          aria-expanded={menuOpen}
          aria-controls={menuId}
          onClick={() => setMenuOpen((open) => !open)}
        >
          {t('nav.menu')}
        </button>
        <ul id={menuId}>
          {links.map((route) => (
            <li key={route.path}>
              <NavLink to={route.path} end={route.path === '/'} onClick={() => setMenuOpen(false)}>
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
