import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatEvent, EventPage } from '../api/types';
import { ChatFeed } from './feed';

const event = (seq: number): ChatEvent => ({
  type: 'message_deleted', chatId: 'c', seq, at: '2026-01-01T00:00:00.000Z', data: { messageId: `m${seq}` },
});

/** A server that has events 1..upTo and pages them `pageSize` at a time. */
function server(upTo: number, pageSize = 500) {
  const calls: number[] = [];
  return {
    calls,
    fetch: async (after: number): Promise<EventPage> => {
      calls.push(after);
      const items = [];
      for (let s = after + 1; s <= Math.min(upTo, after + pageSize); s++) {
        items.push(event(s));
      }
      return { items, hasMore: after + pageSize < upTo };
    },
  };
}

test('live events in order are applied once, repeats are ignored', () => {
  const applied: number[] = [];
  const feed = new ChatFeed(3, server(0).fetch, (e) => applied.push(e.seq));
  [4, 5, 5, 4, 6].forEach((s) => feed.offer(event(s)));
  assert.deepEqual(applied, [4, 5, 6]);
  assert.equal(feed.last, 6);
});

test('a gap is filled from the server, and the event that showed it is not applied twice', async () => {
  const applied: number[] = [];
  const backend = server(9);
  const feed = new ChatFeed(3, backend.fetch, (e) => applied.push(e.seq));
  feed.offer(event(6)); // 4 and 5 were missed
  await feed.catchUp();
  feed.offer(event(6));
  feed.offer(event(9));
  assert.deepEqual(applied, [4, 5, 6, 7, 8, 9]);
  assert.deepEqual(backend.calls[0], 3);
});

test('catching up follows hasMore page by page', async () => {
  const applied: number[] = [];
  const backend = server(12, 5);
  const feed = new ChatFeed(0, backend.fetch, (e) => applied.push(e.seq));
  await feed.catchUp();
  assert.deepEqual(applied, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  assert.deepEqual(backend.calls, [0, 5, 10]);
});

test('catch-ups asked for while one runs share it and run once more after it', async () => {
  const applied: number[] = [];
  let release!: () => void;
  let upTo = 2;
  const calls: number[] = [];
  const feed = new ChatFeed(0, async (after) => {
    calls.push(after);
    if (calls.length === 1) {
      await new Promise<void>((resolve) => (release = resolve));
    }
    const items = [];
    for (let s = after + 1; s <= upTo; s++) {
      items.push(event(s));
    }
    return { items, hasMore: false };
  }, (e) => applied.push(e.seq));
  const first = feed.catchUp();
  const second = feed.catchUp();
  upTo = 4; // more happened while the first request was on its way
  release();
  await Promise.all([first, second]);
  assert.deepEqual(applied, [1, 2, 3, 4]);
  assert.deepEqual(calls, [0, 4], 'one more request after the shared one, from where it ended');
});

test('a failed catch-up leaves the position where it was, so the next one starts there', async () => {
  let fail = true;
  const applied: number[] = [];
  const backend = server(3);
  const feed = new ChatFeed(1, async (after) => {
    if (fail) {
      throw new Error('offline');
    }
    return backend.fetch(after);
  }, (e) => applied.push(e.seq));
  await assert.rejects(feed.catchUp(), /offline/);
  assert.equal(feed.last, 1);
  fail = false;
  await feed.catchUp();
  assert.deepEqual(applied, [2, 3]);
});
