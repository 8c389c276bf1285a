import { useEffect, useState } from 'preact/hooks';
import type { SessionData, Session } from '../auth/session';
import { Login } from './Login';
import { Workspace } from './Workspace';

/** Logged out: the login page; logged in: the workspace, rebuilt for each user. */
export function App({ session }: { session: Session }) {
  const [current, setCurrent] = useState<SessionData | undefined>(session.current);
  const [ended, setEnded] = useState<string | undefined>();
  useEffect(() => session.onChange((data, reason) => {
    setCurrent((before) => (before?.user.id === data?.user.id && before && data ? before : data));
    if (reason === 'expired') {
      setEnded('Your session has ended. Please log in again.');
    } else if (data) {
      setEnded(undefined);
    }
  }), [session]);

  if (!current) {
    return <Login session={session} notice={ended} />;
  }
  return <Workspace key={current.user.id} session={session} me={current.user} />;
}
