import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApiClient } from '../api/client';
import type { MediaAccess } from '../api/types';
import { MediaLinks } from './links';

function fakeApi(lifetimeMs: number, clock: { now: number }) {
  const calls: string[] = [];
  const api = {
    media: async (id: string): Promise<MediaAccess> => {
      calls.push(id);
      return {
        messageId: id, status: 'ready', resourceType: 'image',
        expiresAt: new Date(clock.now + lifetimeMs).toISOString(),
        variants: { thumbnail_250: { url: `https://media/${id}/${calls.length}`, format: 'jpg', width: 250, height: 250 } },
      };
    },
  } as unknown as ApiClient;
  return { api, calls };
}

test('links are reused while fresh and renewed shortly before they expire', async () => {
  const clock = { now: 1_000_000 };
  const { api, calls } = fakeApi(300_000, clock);
  const links = new MediaLinks(api, () => clock.now);
  const first = await links.link('m', 'thumbnail_250');
  clock.now += 280_000; // 20 s left: still more than the 10 s margin
  assert.equal((await links.link('m', 'thumbnail_250'))?.url, first?.url);
  clock.now += 15_000; // 5 s left
  assert.notEqual((await links.link('m', 'thumbnail_250'))?.url, first?.url);
  assert.equal(calls.length, 2);
});

test('short-lived links are kept for three quarters of their life, not refetched on every use', async () => {
  const clock = { now: 0 };
  const { api, calls } = fakeApi(8_000, clock);
  const links = new MediaLinks(api, () => clock.now);
  await links.get('m');
  clock.now += 5_000;
  await links.get('m');
  assert.equal(calls.length, 1);
  clock.now += 1_500; // 1.5 s left of 8: inside the 2 s margin
  await links.get('m');
  assert.equal(calls.length, 2);
});

test('concurrent asks share one request; refresh forces a new one', async () => {
  const clock = { now: 0 };
  const { api, calls } = fakeApi(60_000, clock);
  const links = new MediaLinks(api, () => clock.now);
  await Promise.all([links.get('m'), links.get('m'), links.get('m')]);
  assert.equal(calls.length, 1);
  await links.refresh('m');
  assert.equal(calls.length, 2);
});
