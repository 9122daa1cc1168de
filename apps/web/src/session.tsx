import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, call, configureSession, errorFrom, setAccessToken, WEB_CLIENT_HEADER } from './api/client';
import { SessionUser } from './api/types';

/**
 * The signed-in member. The access token lives in memory only; the refresh token is an
 * httpOnly cookie that only the API's /auth/web routes read and rotate, so a reload or a new
 * visit starts by asking the API for a fresh access token.
 */

interface SessionAnswer {
  accessToken: string;
  expiresIn?: number;
  user: SessionUser;
}

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

const SessionContext = createContext<SessionValue | null>(null);

async function post(path: string, body?: unknown): Promise<Response> {
  try {
    return await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...WEB_CLIENT_HEADER },
      body: JSON.stringify(body ?? {}),
    });
  } catch {
    throw new ApiError(0, 'Could not reach SEG Network. Check your connection and try again.');
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const accept = useCallback((answer: SessionAnswer) => {
    setAccessToken(answer.accessToken);
    setState({ status: 'signed-in', user: answer.user });
  }, []);

  const refresh = useCallback(async (): Promise<boolean> => {
    const renew = async () => {
      try {
        const res = await post('/auth/web/refresh');
        if (!res.ok) return false;
        accept((await res.json()) as SessionAnswer);
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
        const res = await post('/auth/web/login', { email, password });
        if (!res.ok) throw await errorFrom(res);
        accept((await res.json()) as SessionAnswer);
      },
      async activate(token, password) {
        const res = await post('/auth/web/activate', { token, password });
        if (!res.ok) throw await errorFrom(res);
        accept((await res.json()) as SessionAnswer);
      },
      async signInWithLink(token) {
        const res = await post('/auth/web/sign-in-link', { token });
        if (!res.ok) throw await errorFrom(res);
        accept((await res.json()) as SessionAnswer);
      },
      async signOut() {
        // Authenticated, so that only the holder of this login can end it.
        await call('POST', '/auth/web/logout').catch(() => undefined);
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
