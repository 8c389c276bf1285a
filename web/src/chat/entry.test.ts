import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatEvent, Message } from '../api/types';
import { applyEvent, type ChatEntry } from './entry';
import { ChatFeed } from './feed';
import { Timeline } from './timeline';

const entry = (): ChatEntry => ({
  chat: { id: 'c', title: 'T', createdAt: '2026-01-01T00:00:00.000Z', lastSeq: 1,
    members: [{ userId: 'me', role: 'owner' }, { userId: 'bob', role: 'member' }] },
  feed: new ChatFeed(1, async () => ({ items: [], hasMore: false }), () => undefined),
  timeline: new Timeline(), activity: undefined, rank: 0, unread: 0, loadingOlder: false,
});
const message = (authorId: string): Message => ({
  id: 'm1', chatId: 'c', seq: 2, authorId, kind: 'text', text: 'hi', createdAt: '2026-01-01T00:01:00.000Z',
  deleted: false, media: null,
});
const at = '2026-01-01T00:01:00.000Z';

test('a message from someone else counts as unread while the chat is not on screen', () => {
  const e = entry();
  e.timeline.loaded = true;
  const event: ChatEvent = { type: 'message_created', chatId: 'c', seq: 2, at, data: message('bob') };
  assert.deepEqual(applyEvent(e, event, 'me', false), { kind: 'changed', message: event.data });
  assert.equal(e.unread, 1);
  assert.equal(e.timeline.get('m1')?.text, 'hi');
  assert.equal(e.chat.lastSeq, 2);
  assert.equal(e.activity, at);
  applyEvent(e, { ...event, seq: 3, data: { ...message('me'), id: 'm2' } }, 'me', false);
  applyEvent(e, { ...event, seq: 4, data: { ...message('bob'), id: 'm3' } }, 'me', true);
  assert.equal(e.unread, 1, 'not for our own messages, nor for a chat on screen');
});

test('members come and go; our own removal is reported, not applied', () => {
  const e = entry();
  applyEvent(e, { type: 'member_added', chatId: 'c', seq: 2, at, data: { userId: 'carol', role: 'member' } }, 'me', true);
  applyEvent(e, { type: 'member_removed', chatId: 'c', seq: 3, at, data: { userId: 'bob', role: 'member' } }, 'me', true);
  assert.deepEqual(e.chat.members.map((m) => m.userId), ['me', 'carol']);
  const removed = applyEvent(e, { type: 'member_removed', chatId: 'c', seq: 4, at, data: { userId: 'me', role: 'owner' } }, 'me', true);
  assert.deepEqual(removed, { kind: 'removed_me' });
});
