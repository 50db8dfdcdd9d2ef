import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, onSessionLost, setCsrfToken, type ApiError, type ApiProblem } from '../lib/api.ts';
import { queryClient } from '../lib/query.ts';
import { SessionContext, type SessionInfo } from '../lib/session.ts';
import i18n from '../lib/i18n.ts';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { MfaEnrolPage } from '../features/auth/MfaEnrolPage.tsx';
import { MfaVerifyPage } from '../features/auth/MfaVerifyPage.tsx';
import { FirstPasswordPage } from '../features/auth/FirstPasswordPage.tsx';
import { LoadFailed, Loading } from '../ui/Loaded.tsx';
import { ReloadOnFailure } from '../ui/ReloadOnFailure.tsx';
import { LanguageSwitch } from '../ui/ui.tsx';
import './locales.ts';

// The pages after login, with their router, are downloaded once the person has logged in: the login
// page, the first a person meets, stays small.
const LoggedIn = lazy(() => import('./routes.tsx').then((module) => ({ default: module.LoggedIn })));

/**
 * The staff app: the session, and before it is complete the steps of logging in, at whatever address
 * was asked for; once logged in, that address's page.
 */
export function App() {
  const { t } = useTranslation();
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [endedBecause, setEndedBecause] = useState<ApiProblem | null>(null);
  // A language picked on the login page becomes the account's language once logged in.
  const languagePickedBeforeLogin = useRef<string | null>(null);

  /** Whoever logs in or out, nothing loaded for the previous session stays in memory. */
  const sessionKey = useRef('');
  const changeSession = useCallback((next: SessionInfo) => {
    const key = `${next.stage}:${next.account?.id ?? ''}`;
    if (key !== sessionKey.current) queryClient.clear();
    sessionKey.current = key;
    setSession(next);
  }, []);

  // Uses the i18next instance itself: the hook's value changes with the language and would re-run this.
  const refresh = useCallback(async () => {
    const next = await api<SessionInfo>('GET', '/session');
    setCsrfToken(next.csrfToken);
    if (next.account) {
      setEndedBecause(null);
      const picked = languagePickedBeforeLogin.current;
      // Until the person has their own password the server answers nothing else: the language waits.
      if (!next.account.mustChangePassword) languagePickedBeforeLogin.current = null;
      if (picked && picked !== next.account.language && !next.account.mustChangePassword) {
        await api('PUT', '/me/language', { language: picked });
        next.account.language = picked;
      }
      if (next.account.language !== i18n.language) await i18n.changeLanguage(next.account.language);
    }
    changeSession(next);
  }, [changeSession]);

  const firstLoad = useCallback(() => {
    setLoadError(null);
    refresh().catch((caught: ApiError) => setLoadError(caught));
  }, [refresh]);
  useEffect(firstLoad, [firstLoad]);

  // A session that ended on the server sends the person back to the login page, told why.
  useEffect(
    () =>
      onSessionLost((problem) => {
        setCsrfToken(undefined);
        setEndedBecause(problem);
        changeSession({ stage: 'none' });
      }),
    [changeSession],
  );

  const controls = useMemo(
    () => ({
      session: session ?? { stage: 'none' as const },
      refresh,
      async logout() {
        await api('POST', '/auth/logout');
        setCsrfToken(undefined);
        setEndedBecause(null);
        changeSession({ stage: 'none' });
      },
      async setLanguage(language: string) {
        await i18n.changeLanguage(language);
        if (session?.stage === 'complete' && !session.account?.mustChangePassword) await api('PUT', '/me/language', { language });
        else languagePickedBeforeLogin.current = language;
      },
    }),
    [session, refresh, changeSession],
  );

  if (!session) return <main id="main">{loadError ? <LoadFailed error={loadError} onRetry={firstLoad} /> : <Loading />}</main>;

  const ownPasswordFirst = session.stage === 'complete' && session.account?.mustChangePassword === true;
  if (session.stage === 'complete' && !ownPasswordFirst) {
    return (
      <SessionContext.Provider value={controls}>
        <ReloadOnFailure>
          <Suspense fallback={<Loading />}>
            <LoggedIn />
          </Suspense>
        </ReloadOnFailure>
      </SessionContext.Provider>
    );
  }
  // Before login: a plain page with the language switch and one step of logging in.
  return (
    <SessionContext.Provider value={controls}>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="site-header">
        <p className="brand">{t('appName')}</p>
        <LanguageSwitch onChange={(language) => void controls.setLanguage(language)} />
      </header>
      <main id="main" className="login-main">
        {session.stage === 'none' && <LoginPage notice={endedBecause?.message} />}
        {session.stage === 'mfa_enrol' && <MfaEnrolPage />}
        {session.stage === 'mfa_verify' && <MfaVerifyPage />}
        {ownPasswordFirst && <FirstPasswordPage />}
      </main>
    </SessionContext.Provider>
  );
}
