import { createContext, useContext } from 'react';

export interface Account {
  id: string; username: string; displayName: string; role: string; title: string | null;
  officeId: string | null; organisationId: string | null; language: string; mfaEnabled: boolean;
}

export interface SessionInfo {
  stage: 'none' | 'mfa_enrol' | 'mfa_verify' | 'complete';
  csrfToken?: string;
  account?: Account;
  permissions?: Record<string, boolean>;
  /** Failed logins with this username between the previous login and this one. */
  failedLogins?: { count: number; lastAt: string | null };
}

export interface SessionControls {
  session: SessionInfo;
  refresh(): Promise<void>;
  logout(): Promise<void>;
  setLanguage(language: string): Promise<void>;
}

export const SessionContext = createContext<SessionControls>(null!);
export const useSession = () => useContext(SessionContext);
