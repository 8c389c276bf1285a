import type { Chat, ChatEvent, Message } from '../api/types';
import type { ChatFeed } from './feed';
import type { Timeline } from './timeline';

/** One chat as the page knows it. */
export interface ChatEntry {
  chat: Chat;
  feed: ChatFeed;
  timeline: Timeline;
  /** When this page last saw something happen in it; unset until then. */
  activity: string | undefined;
  /** Its place in the server's list (most recently active first), for chats without activity seen here. */
  rank: number;
  unread: number;
  loadingOlder: boolean;
}

/** What applying an event meant beyond the chat itself. */
export type Applied =
  | { kind: 'changed'; message?: Message }
  | { kind: 'removed_me' };

/**
 * Applies one of the chat's events (in order, once: see ChatFeed) to what the page knows of it: messages to the
 * timeline when it is loaded, members to the chat, unread counts for chats not on screen.
 */
export function applyEvent(entry: ChatEntry, event: ChatEvent, me: string, onScreen: boolean): Applied {
  entry.activity = !entry.activity || event.at > entry.activity ? event.at : entry.activity;
  entry.chat.lastSeq = Math.max(entry.chat.lastSeq, event.seq);
  switch (event.type) {
    case 'message_created':
    case 'media_processed':
    case 'media_failed':
      if (entry.timeline.loaded) {
        entry.timeline.upsert(event.data);
      }
      if (event.type === 'message_created' && event.data.authorId !== me && !onScreen) {
        entry.unread++;
      }
      return { kind: 'changed', message: event.data };
    case 'message_deleted':
      entry.timeline.markDeleted(event.data.messageId);
      return { kind: 'changed' };
    case 'member_added':
      entry.chat.members = [...entry.chat.members.filter((m) => m.userId !== event.data.userId), event.data];
      return { kind: 'changed' };
    case 'member_role_changed':
      entry.chat.members = entry.chat.members.map((m) => (m.userId === event.data.userId ? event.data : m));
      return { kind: 'changed' };
    case 'member_removed':
      if (event.data.userId === me) {
        return { kind: 'removed_me' };
      }
      entry.chat.members = entry.chat.members.filter((m) => m.userId !== event.data.userId);
      return { kind: 'changed' };
  }
}
