import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { answer, client, configureSession, sessionClient, setAccessToken } from './api/client';
import type { SessionUserDto as SessionUser, WebSession } from './api/openapi.generated';

/**
 * The signed-in member. The access token lives in memory only; the refresh token is an
 * httpOnly cookie that only the API's /auth/web routes read and rotate, so a reload or a new
 * visit starts by asking the API for a fresh access token.
 */

type SessionState =
  { status: 'loading' } | { status: 'signed-out'; expired?: boolean } | { status: 'signed-in'; user: SessionUser };

interface SessionValue {
  state: SessionState;
  user: SessionUser | null;
  signIn(email: string, password: string): Promise<void>;
  /** Sets the first password from the activation email; the member is then signed in. */
  activate(token: string, password: string): Promise<void>;
  /** Signs in with the link of a sign-in email: the same login as with a password. */
  signInWithLink(token: string): Promise<void>;
  signOut(): Promise<void>;
}

/** The header the /auth/web routes require (every call sends it; these routes refuse a call without it). */
const fromWeb = { header: { 'x-seg-web': '1' } };

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const accept = useCallback((session: WebSession) => {
    setAccessToken(session.accessToken);
    setState({ status: 'signed-in', user: session.user });
  }, []);

  const refresh = useCallback(async (): Promise<boolean> => {
    const renew = async () => {
      try {
        const { data } = await sessionClient.POST('/auth/web/refresh', { params: fromWeb });
        if (!data) return false;
        accept(data);
        return true;
      } catch {
        return false;
      }
    };
    // Each refresh token works once: tabs of one browser take turns, so the second sends the
    // cookie the first just received instead of replaying the old one (which would end the login).
    return navigator.locks ? navigator.locks.request('seg-session-refresh', renew) : renew();
  }, [accept]);

  useEffect(() => {
    configureSession({
      refresh,
      signedOut: () => {
        setAccessToken(null);
        setState({ status: 'signed-out', expired: true });
      },
    });
    refresh().then((ok) => {
      if (!ok) setState({ status: 'signed-out' });
    });
  }, [refresh]);

  const value = useMemo<SessionValue>(
    () => ({
      state,
      user: state.status === 'signed-in' ? state.user : null,
      async signIn(email, password) {
        accept(await answer(sessionClient.POST('/auth/web/login', { body: { email, password }, params: fromWeb })));
      },
      async activate(token, password) {
        accept(await answer(sessionClient.POST('/auth/web/activate', { body: { token, password }, params: fromWeb })));
      },
      async signInWithLink(token) {
        accept(await answer(sessionClient.POST('/auth/web/sign-in-link', { body: { token }, params: fromWeb })));
      },
      async signOut() {
        // Authenticated, so that only the holder of this login can end it.
        await client.POST('/auth/web/logout', { params: fromWeb }).catch(() => undefined);
        setAccessToken(null);
        setState({ status: 'signed-out' });
      },
    }),
    [state, accept],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
