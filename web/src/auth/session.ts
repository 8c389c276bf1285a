import type { TokenSource } from '../api/client';
import { ApiError, request } from '../api/http';
import type { Tokens, User } from '../api/types';

/** What the page keeps of a logged-in user (localStorage, so a reload or a second tab stays logged in). */
export interface SessionData {
  user: User;
  accessToken: string;
  /** Epoch milliseconds. */
  accessIssuedAt: number;
  accessExpiresAt: number;
  /** Only when the server has sessions (POST /auth/refresh); absent on servers without them. */
  refreshToken?: string;
  refreshExpiresAt?: number;
}

export type SessionEnd = 'logged_out' | 'expired';
type Listener = (session: SessionData | undefined, ended?: SessionEnd) => void;

const KEY = 'chirpchat.session';
const LOCK = 'chirpchat.refresh';

/**
 * The logged-in session: logs in and out, hands out the access token and renews it with the refresh token
 * shortly before it expires or when the server refuses it. Refresh tokens rotate and presenting a rotated one
 * again revokes the whole session, so tabs refresh one at a time (Web Locks) and a tab that waited takes the
 * tokens another tab just got instead of spending the old refresh token a second time.
 */
export class Session implements TokenSource {
  private data: SessionData | undefined;
  private readonly listeners = new Set<Listener>();
  private refreshing: Promise<boolean> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly storage: Storage = localStorage, private readonly now: () => number = Date.now) {
    this.data = this.load();
    this.schedule();
    globalThis.addEventListener?.('storage', (e: StorageEvent) => {
      if (e.key === KEY) {
        const next = this.load();
        const ended = this.data && !next ? 'logged_out' : undefined;
        this.data = next;
        this.schedule();
        this.emit(ended);
      }
    });
  }

  get current(): SessionData | undefined {
    return this.data;
  }

  /** The server hands out refresh tokens: refresh, and logging out everywhere, are available. */
  get hasRefresh(): boolean {
    return !!this.data?.refreshToken;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  register(username: string, password: string, displayName: string): Promise<User> {
    return request<User>('/auth/register', {
      method: 'POST',
      body: { username, password, displayName: displayName.trim() || undefined },
    });
  }

  async logIn(username: string, password: string): Promise<void> {
    const tokens = await request<Tokens>('/auth/login', { method: 'POST', body: { username, password } });
    const user = await request<User>('/users/me', { token: tokens.accessToken });
    this.set({ user, ...this.fromTokens(tokens) });
  }

  async token(): Promise<string> {
    if (this.data && this.hasRefresh && this.data.accessExpiresAt - this.now() < this.margin()) {
      await this.refresh();
    }
    if (!this.data) {
      throw new ApiError(401, 'unauthenticated', 'not logged in');
    }
    return this.data.accessToken;
  }

  async renew(rejected: string): Promise<boolean> {
    if (this.data && this.data.accessToken !== rejected) {
      return true; // renewed meanwhile (by this tab or another)
    }
    if (this.hasRefresh && await this.refresh()) {
      return true;
    }
    this.end('expired');
    return false;
  }

  /** Renews the tokens now; false when the session could not be renewed. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.refreshExclusively().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /**
   * Ends the session on the server (when it has sessions) and here. On servers without `/auth/logout` the
   * access token simply stays valid until it expires; nothing of it is kept here.
   */
  async logOut(everywhere = false): Promise<void> {
    const token = this.data?.accessToken;
    if (token && this.hasRefresh) { // a server that hands out no refresh tokens has no sessions to end
      try {
        await request<void>(everywhere ? '/auth/logout-all' : '/auth/logout', { method: 'POST', token });
      } catch (e) {
        if (!(e instanceof ApiError)) {
          throw e;
        }
        // 401: already over; network: the refresh token dies with the session's timeout
      }
    }
    this.end('logged_out');
  }

  private async refreshExclusively(): Promise<boolean> {
    const locks = globalThis.navigator?.locks;
    return locks ? locks.request(LOCK, () => this.refreshOnce()) : this.refreshOnce();
  }

  private async refreshOnce(): Promise<boolean> {
    const before = this.data;
    const stored = this.load();
    if (before && stored && stored.refreshToken !== before.refreshToken) {
      this.set(stored); // another tab refreshed while we waited for the lock
      return true;
    }
    const refreshToken = stored?.refreshToken ?? before?.refreshToken;
    if (!before || !refreshToken) {
      return false;
    }
    try {
      const tokens = await request<Tokens>('/auth/refresh', { method: 'POST', body: { refreshToken } });
      this.set({ user: before.user, ...this.fromTokens(tokens) });
      return true;
    } catch (e) {
      if (e instanceof ApiError && (e.status === 400 || e.status === 401 || e.status === 404)) {
        this.end('expired');
      }
      return false; // a network failure keeps the session: the next call tries again
    }
  }

  private fromTokens(tokens: Tokens): Omit<SessionData, 'user'> {
    const at = this.now();
    return {
      accessToken: tokens.accessToken,
      accessIssuedAt: at,
      accessExpiresAt: at + tokens.expiresIn * 1000,
      refreshToken: tokens.refreshToken,
      refreshExpiresAt: tokens.refreshExpiresIn === undefined ? undefined : at + tokens.refreshExpiresIn * 1000,
    };
  }

  /** Renew this long before expiry: a minute, or a fifth of a short token's life. */
  private margin(): number {
    const data = this.data;
    return data ? Math.min(60_000, Math.max(1_000, (data.accessExpiresAt - (data.accessIssuedAt ?? 0)) / 5)) : 0;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (this.data && this.hasRefresh) {
      const due = Math.max(1_000, this.data.accessExpiresAt - this.now() - this.margin());
      this.timer = setTimeout(() => void this.refresh(), Math.min(due, 2 ** 31 - 1));
    }
  }

  private set(data: SessionData): void {
    this.data = data;
    this.storage.setItem(KEY, JSON.stringify(data));
    this.schedule();
    this.emit();
  }

  private end(reason: SessionEnd): void {
    if (!this.data) {
      return;
    }
    this.data = undefined;
    this.storage.removeItem(KEY);
    this.schedule();
    this.emit(reason);
  }

  private emit(ended?: SessionEnd): void {
    this.listeners.forEach((listener) => listener(this.data, ended));
  }

  private load(): SessionData | undefined {
    try {
      const raw = this.storage.getItem(KEY);
      const data = raw ? (JSON.parse(raw) as SessionData) : undefined;
      if (!data?.accessToken || !data.user) {
        return undefined;
      }
      const usable = data.refreshToken ? (data.refreshExpiresAt ?? Infinity) : data.accessExpiresAt;
      return usable > this.now() ? data : undefined;
    } catch {
      return undefined;
    }
  }
}
