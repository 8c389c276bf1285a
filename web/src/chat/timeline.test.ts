import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MediaStatus, Message } from '../api/types';
import { Timeline } from './timeline';

const message = (id: string, seq: number, extra: Partial<Message> = {}): Message => ({
  id, chatId: 'c', seq, authorId: 'a', kind: 'text', text: id, createdAt: '2026-01-01T00:00:00.000Z', deleted: false,
  media: null, ...extra,
});
const media = (status: MediaStatus): Partial<Message> => ({
  kind: 'media', text: null,
  media: { status, resourceType: 'image', format: null, bytes: null, width: null, height: null, durationSeconds: null,
    variants: [], failureReason: null },
});

test('pages and live messages merge into one list in seq order without duplicates', () => {
  const t = new Timeline();
  t.addPage({ items: [message('c', 3), message('b', 2)], nextBefore: 2 });
  t.upsert(message('d', 4));
  t.upsert(message('c', 3));
  t.addPage({ items: [message('a', 1)], nextBefore: null });
  assert.deepEqual(t.messages().map((m) => m.id), ['a', 'b', 'c', 'd']);
  assert.equal(t.nextBefore, null);
});

test('a tombstone stays a tombstone', () => {
  const t = new Timeline();
  t.upsert(message('a', 1));
  t.markDeleted('a');
  t.upsert(message('a', 1)); // a late message_created of the same message
  assert.equal(t.get('a')?.deleted, true);
  assert.equal(t.get('a')?.text, null);
});

test('media never goes back to an earlier status', () => {
  const t = new Timeline();
  t.upsert(message('m', 1, media('ready')));
  t.upsert(message('m', 1, media('uploading')));
  assert.equal(t.get('m')?.media?.status, 'ready');
  t.upsert(message('n', 2, media('uploading')));
  t.upsert(message('n', 2, media('processing')));
  t.upsert(message('n', 2, media('failed')));
  assert.equal(t.get('n')?.media?.status, 'failed');
});
