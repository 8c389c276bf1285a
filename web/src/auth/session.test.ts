import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { Session } from './session';

class MemoryStorage {
  readonly data = new Map<string, string>();
  getItem(k: string) { return this.data.get(k) ?? null; }
  setItem(k: string, v: string) { this.data.set(k, v); }
  removeItem(k: string) { this.data.delete(k); }
}

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

/** A server with sessions (or without: no refresh tokens), recording what it was asked. */
function server(withSessions: boolean) {
  const calls: { path: string; body?: unknown; auth?: string }[] = [];
  let issued = 0;
  const tokens = () => {
    issued++;
    return { accessToken: `access-${issued}`, tokenType: 'Bearer', expiresIn: 60,
      ...(withSessions ? { refreshToken: `refresh-${issued}`, refreshExpiresIn: 3600 } : {}) };
  };
  let refreshAnswer = 200;
  globalThis.fetch = (async (input: string, init?: RequestInit) => {
    const path = String(input);
    const headers = (init?.headers ?? {}) as Record<string, string>;
    calls.push({ path, body: init?.body ? JSON.parse(String(init.body)) : undefined, auth: headers.Authorization });
    const json = (status: number, body: unknown) => new Response(body === undefined ? null : JSON.stringify(body), { status });
    switch (path) {
      case '/auth/login':
        return json(200, tokens());
      case '/users/me':
        return json(200, { id: 'u1', username: 'ada', displayName: 'Ada' });
      case '/auth/refresh':
        return refreshAnswer === 200 ? json(200, tokens())
          : json(refreshAnswer, { type: 'x', title: 'x', status: refreshAnswer, detail: 'revoked', code: 'unauthenticated' });
      case '/auth/logout':
        return new Response(null, { status: 204 });
      default:
        return json(404, { code: 'not_found', detail: 'no route' });
    }
  }) as typeof fetch;
  return { calls, refuseRefresh: (status: number) => (refreshAnswer = status) };
}

test('with sessions, a token about to expire is renewed once however many ask for it, and the new refresh token replaces the old', async () => {
  const backend = server(true);
  const clock = { now: 0 };
  const storage = new MemoryStorage();
  const session = new Session(storage as unknown as Storage, () => clock.now);
  await session.logIn('ada', 'pw');
  assert.equal(await session.token(), 'access-1');
  clock.now = 55_000; // 5 s left of 60: inside the margin
  const [a, b, c] = await Promise.all([session.token(), session.token(), session.token()]);
  assert.deepEqual([a, b, c], ['access-2', 'access-2', 'access-2']);
  const refreshes = backend.calls.filter((call) => call.path === '/auth/refresh');
  assert.deepEqual(refreshes.map((r) => r.body), [{ refreshToken: 'refresh-1' }]);
  assert.equal(JSON.parse(storage.getItem('chirpchat.session')!).refreshToken, 'refresh-2');
});

test('a tab that waited while another refreshed takes the other tab\'s tokens instead of spending its old refresh token', async () => {
  const backend = server(true);
  const clock = { now: 0 };
  const storage = new MemoryStorage();
  const session = new Session(storage as unknown as Storage, () => clock.now);
  await session.logIn('ada', 'pw');
  const other = JSON.parse(storage.getItem('chirpchat.session')!);
  storage.setItem('chirpchat.session', JSON.stringify({ ...other, accessToken: 'from-the-other-tab', refreshToken: 'refresh-other',
    accessIssuedAt: 0, accessExpiresAt: 120_000 }));
  assert.equal(await session.refresh(), true);
  assert.equal(await session.token(), 'from-the-other-tab');
  assert.equal(backend.calls.filter((call) => call.path === '/auth/refresh').length, 0);
});

test('a refused refresh ends the session as expired', async () => {
  const backend = server(true);
  const session = new Session(new MemoryStorage() as unknown as Storage, () => 0);
  const ends: (string | undefined)[] = [];
  session.onChange((_data, ended) => ends.push(ended));
  await session.logIn('ada', 'pw');
  backend.refuseRefresh(401);
  assert.equal(await session.renew('access-1'), false);
  assert.equal(session.current, undefined);
  assert.deepEqual(ends, [undefined, 'expired']);
});

test('without sessions: no refresh, a refused token ends the session, and logging out asks the server nothing', async () => {
  const backend = server(false);
  const storage = new MemoryStorage();
  const session = new Session(storage as unknown as Storage, () => 0);
  await session.logIn('ada', 'pw');
  assert.equal(session.hasRefresh, false);
  await session.logOut();
  assert.equal(storage.getItem('chirpchat.session'), null);
  assert.deepEqual(backend.calls.map((c) => c.path), ['/auth/login', '/users/me']);

  await session.logIn('ada', 'pw');
  assert.equal(await session.renew('access-2'), false);
  assert.equal(session.current, undefined);
});

test('with sessions, logging out ends the session on the server with the access token', async () => {
  const backend = server(true);
  const session = new Session(new MemoryStorage() as unknown as Storage, () => 0);
  await session.logIn('ada', 'pw');
  await session.logOut();
  assert.deepEqual(backend.calls.at(-1), { path: '/auth/logout', body: undefined, auth: 'Bearer access-1' });
  assert.equal(session.current, undefined);
});

test('a stored session whose tokens are all past their life is not used', () => {
  const storage = new MemoryStorage();
  storage.setItem('chirpchat.session', JSON.stringify({ user: { id: 'u' }, accessToken: 't', accessExpiresAt: 1_000 }));
  assert.equal(new Session(storage as unknown as Storage, () => 2_000).current, undefined);
  assert.notEqual(new Session(storage as unknown as Storage, () => 500).current, undefined);
});
