import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay } from './backoff';

test('delays double up to the ceiling and are jittered within its upper half', () => {
  assert.equal(backoffDelay(0, 500, 10_000, () => 0), 250);
  assert.equal(backoffDelay(0, 500, 10_000, () => 1), 500);
  assert.equal(backoffDelay(3, 500, 10_000, () => 1), 4_000);
  assert.equal(backoffDelay(10, 500, 10_000, () => 1), 10_000);
  assert.equal(backoffDelay(10, 500, 10_000, () => 0), 5_000);
});
