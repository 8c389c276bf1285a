import { ApiError } from '../api/http';
import type { Message } from '../api/types';
import { randomId } from '../config';
import { backoffDelay } from '../live/backoff';

/** A text message the user sent that the server has not confirmed yet. */
export interface PendingText {
  localId: string;
  chatId: string;
  text: string;
  /** Sent with every try: the server turns a repeat into the first message, never a second one. */
  clientMessageId: string;
  state: 'sending' | 'waiting' | 'failed';
  error?: string;
  /** The message it became, once known (from the answer or from the live event that beat it). */
  messageId?: string;
  createdAt: string;
  attempts: number;
}

export type PostText = (chatId: string, text: string, clientMessageId: string) => Promise<Message>;

/**
 * Optimistic sending: a message shows at once, is posted in order per chat, and is retried with backoff while
 * the network or server fails. Pending messages survive a reload (localStorage), and every try carries the same
 * `clientMessageId`, so a try whose answer was lost never makes a duplicate.
 */
export class Outbox {
  private items: PendingText[];
  private readonly busy = new Set<string>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The session ended: nothing more is sent from this page until the user logs in again. */
  private halted = false;

  constructor(private readonly post: PostText, private readonly confirmed: (message: Message) => void,
              private readonly changed: () => void, private readonly storage: Storage | undefined,
              private readonly key: string) {
    this.items = this.load();
  }

  add(chatId: string, text: string): PendingText {
    const item: PendingText = {
      localId: randomId(), chatId, text, clientMessageId: `web-${randomId()}`, state: 'sending',
      createdAt: new Date().toISOString(), attempts: 0,
    };
    this.items.push(item);
    this.save();
    this.flush(chatId);
    return item;
  }

  /** Pending messages of a chat, in the order they were written. */
  forChat(chatId: string): PendingText[] {
    return this.items.filter((i) => i.chatId === chatId);
  }

  retry(localId: string): void {
    const item = this.items.find((i) => i.localId === localId);
    if (item) {
      item.state = 'sending';
      item.attempts = 0;
      this.flush(item.chatId);
    }
  }

  discard(localId: string): void {
    this.items = this.items.filter((i) => i.localId !== localId || i.state !== 'failed');
    this.save();
  }

  /** Tries every chat's queue now (the socket reconnected, so the server is back). */
  flushAll(): void {
    new Set(this.items.map((i) => i.chatId)).forEach((chatId) => this.flush(chatId, true));
  }

  /** A chat is gone (left, removed): its unsent messages can't be sent any more. */
  dropChat(chatId: string): void {
    this.items = this.items.filter((i) => i.chatId !== chatId);
    this.save();
  }

  /**
   * A message of ours arrived live before the answer to its POST: bind it to the oldest pending message with
   * the same text, so the page does not show it twice meanwhile.
   */
  sawOwn(message: Message): void {
    const bound = this.items.find((i) => i.messageId === message.id);
    const item = bound ?? this.items.find((i) => i.chatId === message.chatId && !i.messageId && i.text === message.text);
    if (item) {
      item.messageId = message.id;
      this.changed();
    }
  }

  private flush(chatId: string, now = false): void {
    if (now) {
      clearTimeout(this.timers.get(chatId));
      this.timers.delete(chatId);
    }
    if (this.halted || this.busy.has(chatId) || this.timers.has(chatId)) {
      return;
    }
    const next = this.items.find((i) => i.chatId === chatId && i.state !== 'failed');
    if (!next) {
      return;
    }
    this.busy.add(chatId);
    next.state = 'sending';
    next.attempts++;
    this.changed();
    this.post(chatId, next.text, next.clientMessageId).then((message) => {
      this.items = this.items.filter((i) => i !== next);
      this.save();
      this.confirmed(message);
    }, (e: unknown) => {
      // 401: the session ended; the message stays for when this user logs in again (its outbox is kept per user)
      const held = e instanceof ApiError && e.status === 401;
      const transient = !(e instanceof ApiError) || e.transient;
      next.state = transient || held ? 'waiting' : 'failed';
      next.error = e instanceof Error ? e.message : String(e);
      next.messageId = undefined;
      this.save();
      if (held) {
        this.halted = true;
      } else if (transient) {
        const retryAfter = e instanceof ApiError && e.retryAfterSeconds ? e.retryAfterSeconds * 1000 : 0;
        this.timers.set(chatId, setTimeout(() => {
          this.timers.delete(chatId);
          this.flush(chatId);
        }, Math.max(retryAfter, backoffDelay(next.attempts - 1, 1_000, 30_000))));
      }
    }).finally(() => {
      this.busy.delete(chatId);
      this.changed();
      if (!this.timers.has(chatId)) {
        this.flush(chatId);
      }
    });
  }

  private load(): PendingText[] {
    try {
      const items = JSON.parse(this.storage?.getItem(this.key) ?? '[]') as PendingText[];
      return items.map((i) => ({ ...i, state: i.state === 'failed' ? 'failed' : 'sending', messageId: undefined }));
    } catch {
      return [];
    }
  }

  private save(): void {
    this.storage?.setItem(this.key, JSON.stringify(this.items));
  }
}
