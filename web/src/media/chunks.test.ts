import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentRange, planChunks } from './chunks';
import { nameFor, resourceTypeOf } from './kind';

const MB = 1024 * 1024;

test('chunks cover the file exactly, 6 MB each and a shorter last one', () => {
  const chunks = planChunks(14 * MB + 5, 6 * MB);
  assert.deepEqual(chunks, [
    { start: 0, end: 6 * MB - 1 }, { start: 6 * MB, end: 12 * MB - 1 }, { start: 12 * MB, end: 14 * MB + 4 },
  ]);
  assert.equal(contentRange(chunks[2], 14 * MB + 5), `bytes ${12 * MB}-${14 * MB + 4}/${14 * MB + 5}`);
});

test('a file of exactly one chunk is one chunk', () => {
  assert.deepEqual(planChunks(6 * MB, 6 * MB), [{ start: 0, end: 6 * MB - 1 }]);
  assert.deepEqual(planChunks(0, 6 * MB), []);
});

test('files become the resource type their MIME type says; anything else is a document', () => {
  assert.equal(resourceTypeOf({ type: 'image/jpeg', name: 'a.jpg' }), 'image');
  assert.equal(resourceTypeOf({ type: 'image/svg+xml', name: 'a.svg' }), 'raw');
  assert.equal(resourceTypeOf({ type: 'video/webm', name: 'a.webm' }), 'video');
  assert.equal(resourceTypeOf({ type: 'audio/mpeg', name: 'a.mp3' }), 'audio');
  assert.equal(resourceTypeOf({ type: '', name: 'a.pdf' }), 'raw');
});

test('a compressed image gets the extension of its new type', () => {
  assert.equal(nameFor('IMG_1.PNG', 'image/jpeg'), 'IMG_1.jpg');
  assert.equal(nameFor('photo.jpeg', 'image/jpeg'), 'photo.jpeg');
  assert.equal(nameFor('noext', 'image/webp'), 'noext.webp');
});
