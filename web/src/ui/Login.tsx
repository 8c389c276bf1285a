import { useState } from 'preact/hooks';
import { ApiError } from '../api/http';
import type { Session } from '../auth/session';
import { describe } from './hooks';

/** Log in, or create an account and log in with it. */
export function Login({ session, notice }: { session: Session; notice?: string }) {
  const [mode, setMode] = useState<'login' | 'register'>('login');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      if (mode === 'register') {
        await session.register(username.trim(), password, displayName);
      }
      await session.logIn(username.trim(), password);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? 'Wrong username or password.'
        : err instanceof ApiError && err.code === 'conflict' ? 'That username is taken.' : describe(err));
      setBusy(false);
    }
  };

  const registering = mode === 'register';
  return (
    <main class="login">
      <h1>ChirpChat</h1>
      {notice && <p class="notice" role="status">{notice}</p>}
      <form onSubmit={submit} aria-label={registering ? 'Create an account' : 'Log in'}>
        <h2>{registering ? 'Create an account' : 'Log in'}</h2>
        <label>Username
          <input name="username" autocomplete="username" required minLength={3} maxLength={32}
                 pattern={registering ? '[a-z0-9_.\\-]{3,32}' : undefined}
                 value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        </label>
        {registering && <small>3–32 lower-case letters, digits, “_”, “.” or “-”.</small>}
        <label>Password
          <input name="password" type="password" required minLength={registering ? 8 : 1} maxLength={128}
                 autocomplete={registering ? 'new-password' : 'current-password'}
                 value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        {registering && (
          <label>Display name (optional)
            <input name="displayName" maxLength={64} value={displayName}
                   onInput={(e) => setDisplayName(e.currentTarget.value)} />
          </label>
        )}
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>{registering ? 'Create account' : 'Log in'}</button>
      </form>
      <p>
        {registering ? 'Have an account? ' : 'New here? '}
        <button type="button" class="link" onClick={() => { setMode(registering ? 'login' : 'register'); setError(undefined); }}>
          {registering ? 'Log in' : 'Create an account'}
        </button>
      </p>
    </main>
  );
}
