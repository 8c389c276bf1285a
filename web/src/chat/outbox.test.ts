import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../api/http';
import type { Message } from '../api/types';
import { Outbox } from './outbox';

class MemoryStorage {
  private readonly data = new Map<string, string>();
  getItem(k: string) { return this.data.get(k) ?? null; }
  setItem(k: string, v: string) { this.data.set(k, v); }
  removeItem(k: string) { this.data.delete(k); }
}

const sent = (chatId: string, text: string, id: string): Message => ({
  id, chatId, seq: 1, authorId: 'me', kind: 'text', text, createdAt: '2026-01-01T00:00:00.000Z', deleted: false, media: null,
});

function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 10_000;
    // setImmediate: the first test mocks setTimeout
    const poll = () => (condition() ? resolve() : Date.now() > deadline ? reject(new Error('timed out')) : setImmediate(poll));
    poll();
  });
}

test('a failed try is retried with the same clientMessageId, and only one message comes of it', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const tries: string[] = [];
  const server = new Map<string, Message>();
  const confirmed: Message[] = [];
  const outbox = new Outbox(async (chatId, text, clientMessageId) => {
    tries.push(clientMessageId);
    const message = server.get(clientMessageId) ?? sent(chatId, text, `m${server.size + 1}`);
    server.set(clientMessageId, message); // the server keeps it, but the first answer is lost
    if (tries.length === 1) {
      throw new ApiError(0, 'network', 'connection reset');
    }
    return message;
  }, (m) => confirmed.push(m), () => undefined, new MemoryStorage() as unknown as Storage, 'k');

  outbox.add('c', 'hello');
  await until(() => outbox.forChat('c')[0]?.state === 'waiting');
  t.mock.timers.tick(60_000);
  await until(() => confirmed.length === 1);
  assert.equal(new Set(tries).size, 1, 'every try carried the same clientMessageId');
  assert.equal(tries.length, 2);
  assert.equal(server.size, 1);
  assert.deepEqual(outbox.forChat('c'), []);
});

test('messages of a chat are posted one after another, in the order written', async () => {
  const order: string[] = [];
  const outbox = new Outbox(async (chatId, text, id) => {
    order.push(text);
    await new Promise((r) => setImmediate(r));
    return sent(chatId, text, id);
  }, () => undefined, () => undefined, undefined, 'k');
  ['one', 'two', 'three'].forEach((text) => outbox.add('c', text));
  await until(() => outbox.forChat('c').length === 0);
  assert.deepEqual(order, ['one', 'two', 'three']);
});

test('a refused message is kept as failed and does not hold up the ones after it', async () => {
  const outbox = new Outbox(async (chatId, text, id) => {
    if (text === 'bad') {
      throw new ApiError(400, 'validation_failed', 'text: too long');
    }
    return sent(chatId, text, id);
  }, () => undefined, () => undefined, undefined, 'k');
  outbox.add('c', 'bad');
  outbox.add('c', 'good');
  await until(() => outbox.forChat('c').length === 1);
  assert.equal(outbox.forChat('c')[0].state, 'failed');
  assert.equal(outbox.forChat('c')[0].error, 'text: too long');
});

test('pending messages survive a reload and are sent again with their ids', async () => {
  const storage = new MemoryStorage() as unknown as Storage;
  let release!: () => void;
  const first = new Outbox(() => new Promise<Message>((resolve) => (release = () => resolve(sent('c', 'x', 'm')))),
    () => undefined, () => undefined, storage, 'k');
  const original = first.add('c', 'kept');
  const tries: string[] = [];
  const second = new Outbox(async (chatId, text, id) => {
    tries.push(id);
    return sent(chatId, text, 'm1');
  }, () => undefined, () => undefined, storage, 'k');
  second.flushAll();
  await until(() => second.forChat('c').length === 0);
  assert.deepEqual(tries, [original.clientMessageId]);
  release();
});

test('a live message of ours binds to the pending one with its text', () => {
  const outbox = new Outbox(() => new Promise<Message>(() => undefined), () => undefined, () => undefined, undefined, 'k');
  outbox.add('c', 'same');
  outbox.add('c', 'same');
  outbox.sawOwn(sent('c', 'same', 'm1'));
  const [a, b] = outbox.forChat('c');
  assert.equal(a.messageId, 'm1');
  assert.equal(b.messageId, undefined);
});

test('a message refused for an ended session is kept for the next login, not marked failed', async () => {
  const storage = new MemoryStorage() as unknown as Storage;
  const first = new Outbox(async () => {
    throw new ApiError(401, 'unauthenticated', 'token expired');
  }, () => undefined, () => undefined, storage, 'k');
  first.add('c', 'later');
  first.add('c', 'after that');
  await until(() => first.forChat('c')[0]?.state === 'waiting');
  assert.equal(first.forChat('c')[1].state, 'sending', 'the queue stopped: the second was not even tried');
  const posted: string[] = [];
  const next = new Outbox(async (chatId, text, id) => {
    posted.push(text);
    return sent(chatId, text, id);
  }, () => undefined, () => undefined, storage, 'k');
  next.flushAll();
  await until(() => next.forChat('c').length === 0);
  assert.deepEqual(posted, ['later', 'after that']);
});
