import type { ApiClient } from '../api/client';
import { ApiError } from '../api/http';
import type { Chat, ChatEvent, Message, User } from '../api/types';
import type { LiveState } from '../live/socket';
import { applyEvent, type ChatEntry } from './entry';
import { ChatFeed } from './feed';
import { Membership } from './membership';
import { Outbox } from './outbox';
import { People } from './people';
import { Timeline } from './timeline';
import { Uploads } from './uploads';

export type { ChatEntry } from './entry';

/**
 * Everything the page shows, kept current by the live socket and by catching up after reconnects. Views
 * subscribe and re-render on change; actions go through here.
 */
export class ChatStore {
  readonly chats = new Map<string, ChatEntry>();
  readonly people: People;
  readonly outbox: Outbox;
  readonly uploads: Uploads;
  readonly membership: Membership;
  live: LiveState = 'connecting';
  openChatId: string | undefined;
  notice: string | undefined;
  version = 0;
  private readonly listeners = new Set<() => void>();
  private readonly joining = new Set<string>();
  private readonly leaving = new Set<string>();
  private scheduled = false;

  constructor(private readonly api: ApiClient, readonly me: User, storage: Storage | undefined = globalThis.localStorage) {
    this.people = new People(storage);
    this.people.remember(me);
    this.outbox = new Outbox((chatId, text, id) => api.postMessage(chatId, text, id),
      (message) => this.upsertMessage(message), () => this.changed(), storage, `chirpchat.outbox.${me.id}`);
    this.uploads = new Uploads(api, () => this.changed());
    this.membership = new Membership(api, this.people, me, {
      created: (chat) => {
        this.add(chat, -1).activity = chat.createdAt;
        this.changed();
      },
      leaving: (chatId, yes) => (yes ? this.leaving.add(chatId) : this.leaving.delete(chatId)),
      left: (chatId) => this.drop(chatId),
    });
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-renders at most once per task, however many events arrived in it. */
  changed(): void {
    this.version++;
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => {
        this.scheduled = false;
        this.listeners.forEach((l) => l());
      });
    }
  }

  sortedChats(): ChatEntry[] {
    return [...this.chats.values()].sort((a, b) => (b.activity ?? '').localeCompare(a.activity ?? '') || a.rank - b.rank);
  }

  async loadChats(): Promise<void> {
    const chats = await this.api.chats();
    const seen = new Set(chats.map((c) => c.id));
    for (const [id, entry] of this.chats) {
      if (!seen.has(id)) {
        this.drop(id, `You are no longer in “${entry.chat.title}”.`);
      }
    }
    for (const [rank, chat] of chats.entries()) {
      const entry = this.chats.get(chat.id);
      if (!entry) {
        this.add(chat, rank);
      } else {
        entry.rank = rank;
        entry.chat = { ...chat };
        if (entry.timeline.loaded && chat.lastSeq > entry.feed.last) {
          void this.catchUp(entry);
        } else if (!entry.timeline.loaded) {
          entry.feed.last = Math.max(entry.feed.last, chat.lastSeq);
        }
      }
    }
    this.changed();
  }

  /** The socket (re)connected: pick up whatever happened while it was down, and send what waited. */
  async resync(): Promise<void> {
    await this.loadChats().catch(() => undefined);
    this.outbox.flushAll();
  }

  dismissNotice(): void {
    this.notice = undefined;
    this.changed();
  }

  setLive(state: LiveState): void {
    this.live = state;
    this.changed();
  }

  onEvent(event: ChatEvent): void {
    const entry = this.chats.get(event.chatId);
    if (entry) {
      entry.feed.offer(event);
    } else if (event.type === 'member_added' && event.data.userId === this.me.id) {
      void this.join(event.chatId);
    }
  }

  async open(chatId: string | undefined): Promise<void> {
    this.openChatId = chatId;
    if (chatId) {
      this.notice = undefined; // opening a chat is moving on; going back to the list (as after a removal) is not
    }
    const entry = chatId ? this.chats.get(chatId) : undefined;
    if (!entry) {
      this.changed();
      return;
    }
    entry.unread = 0;
    this.changed();
    if (!entry.timeline.loaded) {
      const last = entry.chat.lastSeq;
      try {
        entry.timeline.addPage(await this.api.messages(entry.chat.id));
        entry.feed.last = Math.max(entry.feed.last, last);
        await this.catchUp(entry);
      } catch (e) {
        this.failed(entry, e);
      }
      this.changed();
    }
  }

  async loadOlder(chatId: string): Promise<void> {
    const entry = this.chats.get(chatId);
    if (!entry || entry.loadingOlder || entry.timeline.nextBefore === null) {
      return;
    }
    entry.loadingOlder = true;
    this.changed();
    try {
      entry.timeline.addPage(await this.api.messages(chatId, entry.timeline.nextBefore));
    } catch (e) {
      this.failed(entry, e);
    } finally {
      entry.loadingOlder = false;
      this.changed();
    }
  }

  async deleteMessage(message: Message): Promise<void> {
    await this.api.deleteMessage(message.id);
    this.chats.get(message.chatId)?.timeline.markDeleted(message.id);
    this.changed();
  }

  private add(chat: Chat, rank: number): ChatEntry {
    const entry: ChatEntry = {
      chat, activity: undefined, rank, unread: 0, loadingOlder: false, timeline: new Timeline(),
      feed: new ChatFeed(chat.lastSeq, (after) => this.api.events(chat.id, after), (e) => this.apply(entry, e)),
    };
    this.chats.set(chat.id, entry);
    return entry;
  }

  /** We were added to a chat the page does not know yet. */
  private async join(chatId: string): Promise<void> {
    if (this.joining.has(chatId)) {
      return;
    }
    this.joining.add(chatId);
    try {
      const chat = await this.api.chat(chatId);
      if (!this.chats.has(chatId)) {
        this.add(chat, -1).activity = new Date().toISOString();
        this.changed();
      }
    } catch {
      // removed again meanwhile, or offline: the next resync finds out
    } finally {
      this.joining.delete(chatId);
    }
  }

  private async catchUp(entry: ChatEntry): Promise<void> {
    try {
      await entry.feed.catchUp();
    } catch (e) {
      this.failed(entry, e);
    }
  }

  private apply(entry: ChatEntry, event: ChatEvent): void {
    const applied = applyEvent(entry, event, this.me.id, this.openChatId === entry.chat.id);
    if (applied.kind === 'removed_me') {
      this.drop(entry.chat.id, this.leaving.has(entry.chat.id) ? undefined : `You were removed from “${entry.chat.title}”.`);
      return;
    }
    if (applied.message) {
      this.sawMessage(applied.message);
    }
    this.changed();
  }


  private upsertMessage(message: Message): void {
    const entry = this.chats.get(message.chatId);
    if (entry?.timeline.loaded) {
      entry.timeline.upsert(message);
    }
    this.changed();
  }

  private sawMessage(message: Message): void {
    if (message.authorId === this.me.id) {
      if (message.kind === 'text') {
        this.outbox.sawOwn(message);
      } else {
        this.uploads.sawOwn(message);
      }
    }
  }

  private failed(entry: ChatEntry, e: unknown): void {
    if (e instanceof ApiError && (e.code === 'not_a_member' || e.status === 404)) {
      this.drop(entry.chat.id, `You are no longer in “${entry.chat.title}”.`);
    }
  }

  private drop(chatId: string, notice?: string): void {
    if (!this.chats.delete(chatId)) {
      return;
    }
    this.leaving.delete(chatId);
    this.outbox.dropChat(chatId);
    this.uploads.dropChat(chatId);
    if (this.openChatId === chatId) {
      this.openChatId = undefined;
    }
    if (notice) {
      this.notice = notice;
    }
    this.changed();
  }
}
