import { createContext, useContext } from 'react';
import type { Action } from '#shared/policy.ts';
import type { AccountResponse } from '#shared/api/accounts.ts';
import type { Shown } from './api.ts';

/** A permission as the server names it (the policy's actions); the session lists those the account has. */
export type Permission = Action;

/** An account as the API shows it: the session's own, and each in the administrators' list. */
export type Account = Shown<AccountResponse>;

export interface SessionInfo {
  stage: 'none' | 'mfa_enrol' | 'mfa_verify' | 'complete';
  csrfToken?: string;
  account?: Account;
  permissions?: Partial<Record<Permission, boolean>>;
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

/**
 * Whether the session's account may do something, as the server said when the session was read.
 * The web app never decides by role: it shows what the server's policy allows, and the server checks again.
 */
export function useCan(): (permission: Permission) => boolean {
  const { session } = useSession();
  return (permission) => session.permissions?.[permission] === true;
}
