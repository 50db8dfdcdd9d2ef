import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, onSessionLost, setCsrfToken, type ApiProblem } from './api.ts';
import { SessionContext, type SessionInfo } from './session.ts';
import i18n from './i18n.ts';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { MfaEnrolPage } from '../features/auth/MfaEnrolPage.tsx';
import { MfaVerifyPage } from '../features/auth/MfaVerifyPage.tsx';
import { Shell } from './Shell.tsx';
import { LanguageSwitch } from '../ui/ui.tsx';

export function App() {
  const { t } = useTranslation();
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [endedBecause, setEndedBecause] = useState<ApiProblem | null>(null);
  // A language picked on the login page becomes the account's language once logged in.
  const languagePickedBeforeLogin = useRef<string | null>(null);

  // Uses the i18next instance itself: the hook's value changes with the language and would re-run this.
  const refresh = useCallback(async () => {
    const next = await api<SessionInfo>('GET', '/session');
    setCsrfToken(next.csrfToken);
    if (next.account) {
      setEndedBecause(null);
      const picked = languagePickedBeforeLogin.current;
      languagePickedBeforeLogin.current = null;
      if (picked && picked !== next.account.language) {
        await api('PUT', '/me/language', { language: picked });
        next.account.language = picked;
      }
      if (next.account.language !== i18n.language) await i18n.changeLanguage(next.account.language);
    }
    setSession(next);
  }, []);

  useEffect(() => { void refresh(); }, [refresh]);

  // A session that ended on the server sends the person back to the login page, told why.
  useEffect(() => onSessionLost((problem) => {
    setCsrfToken(undefined);
    setEndedBecause(problem);
    setSession({ stage: 'none' });
  }), []);

  const controls = useMemo(() => ({
    session: session ?? { stage: 'none' as const },
    refresh,
    async logout() {
      await api('POST', '/auth/logout');
      setCsrfToken(undefined);
      setEndedBecause(null);
      setSession({ stage: 'none' });
    },
    async setLanguage(language: string) {
      await i18n.changeLanguage(language);
      if (session?.stage === 'complete') await api('PUT', '/me/language', { language });
      else languagePickedBeforeLogin.current = language;
    },
  }), [session, refresh]);

  if (!session) return <p className="loading" role="status">{t('loading')}</p>;

  if (session.stage === 'complete') {
    return <SessionContext.Provider value={controls}><Shell /></SessionContext.Provider>;
  }
  // Before login: a plain page with the language switch and one step of logging in.
  return (
    <SessionContext.Provider value={controls}>
      <a className="skip-link" href="#main">{t('skipToContent')}</a>
      <header className="site-header">
        <p className="brand">{t('appName')}</p>
        <LanguageSwitch onChange={(language) => void controls.setLanguage(language)} />
      </header>
      <main id="main" className="login-main">
        {session.stage === 'none' && <LoginPage notice={endedBecause?.message} />}
        {session.stage === 'mfa_enrol' && <MfaEnrolPage />}
        {session.stage === 'mfa_verify' && <MfaVerifyPage />}
      </main>
    </SessionContext.Provider>
  );
}
