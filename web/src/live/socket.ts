import type { ChatEvent } from '../api/types';
import { backoffDelay } from './backoff';

export type LiveState = 'connecting' | 'online' | 'offline';

export interface LiveHandlers {
  /** Authenticated (first connection or a reconnect): time to catch up on what happened meanwhile. */
  onHello(): void;
  onEvent(event: ChatEvent): void;
  onState(state: LiveState): void;
  /** The server refused the token (4401) and no fresher one could be had: the session is over. */
  onUnauthenticated(): void;
}

export interface LiveTokens {
  token(): Promise<string>;
  renew(rejected: string): Promise<boolean>;
}

export interface LiveOptions {
  pingIntervalMs?: number;
  pongTimeoutMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

const NOT_AUTHENTICATED = 4401;

/**
 * The `/ws` connection. Browsers cannot set headers on a WebSocket, so the token goes in the first frame.
 * Reconnects with backoff after any close, pings so that idle timeouts and dead connections are noticed, and
 * re-authenticates in-band when the session gets a fresh token (falling back to a reconnect on servers that
 * don't support that).
 */
export class LiveSocket {
  private ws: WebSocket | undefined;
  private attempts = 0;
  private stopped = true;
  private sentToken = '';
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly options: Required<LiveOptions>;

  constructor(private readonly url: string, private readonly tokens: LiveTokens, private readonly handlers: LiveHandlers,
              options: LiveOptions = {}) {
    this.options = { pingIntervalMs: 45_000, pongTimeoutMs: 15_000, backoffBaseMs: 500, backoffMaxMs: 10_000, ...options };
  }

  start(): void {
    if (!this.stopped) {
      return;
    }
    this.stopped = false;
    globalThis.addEventListener?.('online', this.reconnectNow);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    globalThis.removeEventListener?.('online', this.reconnectNow);
    clearTimeout(this.reconnectTimer);
    this.teardown(1000);
    this.handlers.onState('offline');
  }

  /** The session has a fresher token: hand it to the open socket before the old one expires. */
  reauthenticate(token: string): void {
    if (this.ws?.readyState === WebSocket.OPEN && token !== this.sentToken) {
      this.sentToken = token;
      this.ws.send(JSON.stringify({ type: 'auth', token }));
    }
  }

  private readonly reconnectNow = (): void => {
    if (!this.stopped && (!this.ws || this.ws.readyState !== WebSocket.OPEN)) {
      clearTimeout(this.reconnectTimer);
      this.attempts = 0;
      this.connect();
    }
  };

  private connect(): void {
    this.teardown(1000);
    this.handlers.onState('connecting');
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.tokens.token().then((token) => {
        if (this.ws === ws && ws.readyState === WebSocket.OPEN) {
          this.sentToken = token;
          ws.send(JSON.stringify({ type: 'auth', token }));
        }
      }, () => ws.close(1000));
    };
    ws.onmessage = (message) => {
      if (this.ws === ws) {
        this.receive(ws, message.data);
      }
    };
    ws.onclose = (close) => {
      if (this.ws === ws) {
        this.ws = undefined;
        this.closed(close.code);
      }
    };
  }

  private receive(ws: WebSocket, data: unknown): void {
    let frame: { type?: string; code?: string; chatId?: string; seq?: number };
    try {
      frame = JSON.parse(String(data));
    } catch {
      return;
    }
    clearTimeout(this.pongTimer);
    switch (frame.type) {
      case 'hello':
        this.attempts = 0;
        this.startPinging(ws);
        this.handlers.onState('online');
        this.handlers.onHello();
        return;
      case 'pong':
      case 'reauthenticated':
        return;
      case 'error':
        if (frame.code === 'already_authenticated') {
          ws.close(1000); // no in-band re-auth here: reconnect with the fresh token instead
        }
        return;
      default:
        if (typeof frame.chatId === 'string' && typeof frame.seq === 'number') {
          this.handlers.onEvent(frame as ChatEvent);
        }
    }
  }

  private closed(code: number): void {
    this.stopPinging();
    this.handlers.onState('offline');
    if (this.stopped) {
      return;
    }
    if (code === NOT_AUTHENTICATED) {
      const rejected = this.sentToken;
      this.tokens.renew(rejected).then((renewed) => {
        if (renewed) {
          this.schedule();
        } else {
          this.stopped = true;
          this.handlers.onUnauthenticated();
        }
      }, () => this.schedule());
      return;
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) {
      return;
    }
    const delay = backoffDelay(this.attempts++, this.options.backoffBaseMs, this.options.backoffMaxMs);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private startPinging(ws: WebSocket): void {
    this.stopPinging();
    this.pingTimer = setInterval(() => {
      if (ws.readyState !== WebSocket.OPEN) {
        return;
      }
      ws.send('{"type":"ping"}');
      clearTimeout(this.pongTimer);
      // a connection that no longer answers is dead even if the browser hasn't noticed: start over
      this.pongTimer = setTimeout(() => {
        if (this.ws === ws) {
          this.teardown(4000);
          this.closed(4000);
        }
      }, this.options.pongTimeoutMs);
    }, this.options.pingIntervalMs);
  }

  private stopPinging(): void {
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
  }

  private teardown(code: number): void {
    const ws = this.ws;
    this.ws = undefined;
    this.stopPinging();
    if (!ws) {
      return;
    }
    ws.onclose = null;
    ws.onmessage = null;
    if (ws.readyState === WebSocket.CONNECTING) {
      ws.onopen = () => ws.close(code); // closing a socket still connecting makes the browser log an error
    } else if (ws.readyState === WebSocket.OPEN) {
      ws.close(code);
    }
  }
}
