import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';

/** A file for `setInputFiles`. */
export interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

// The in-page parts are plain strings: tsx (esbuild, keepNames) would wrap functions handed to page.evaluate
// in a helper that does not exist in the page.
const TO_BASE64 = `async (blob) => {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}`;

const PHOTO = `async ([w, h]) => {
  const canvas = new OffscreenCanvas(w, h);
  const g = canvas.getContext('2d');
  const gradient = g.createLinearGradient(0, 0, w, h);
  gradient.addColorStop(0, '#1d4ed8');
  gradient.addColorStop(1, '#f59e0b');
  g.fillStyle = gradient;
  g.fillRect(0, 0, w, h);
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let i = 0; i < 4000; i++) {
    g.fillStyle = 'hsl(' + random() * 360 + ' 70% 50% / 0.6)';
    g.fillRect(random() * w, random() * h, 4 + random() * 60, 4 + random() * 60);
  }
  return (${TO_BASE64})(await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.97 }));
}`;

const CLIP = `async (count) => {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 240;
  const g = canvas.getContext('2d');
  const recorder = new MediaRecorder(canvas.captureStream(15), { mimeType: 'video/mp4;codecs=avc1', videoBitsPerSecond: 400000 });
  const chunks = [];
  recorder.ondataavailable = (e) => chunks.push(e.data);
  const stopped = new Promise((resolve) => (recorder.onstop = resolve));
  recorder.start();
  for (let i = 0; i < count; i++) {
    g.fillStyle = 'hsl(' + ((i * 8) % 360) + ' 80% 45%)';
    g.fillRect(0, 0, 320, 240);
    g.fillStyle = '#fff';
    g.font = '48px sans-serif';
    g.fillText(String(i), 120, 140);
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 66)));
  }
  recorder.stop();
  await stopped;
  return (${TO_BASE64})(new Blob(chunks));
}`;

/**
 * A large, detailed JPEG (a phone photo's size, several MB at quality 0.97) drawn by the browser itself, so the
 * client's compression has something to do.
 */
export async function photo(page: Page, width = 3000, height = 2000): Promise<FilePayload> {
  const base64 = await page.evaluate(`(${PHOTO})([${width}, ${height}])`) as string;
  return { name: 'holiday.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(base64, 'base64') };
}

/** A short H.264 MP4 (3 s at 15 fps) recorded by the browser from an animated canvas (MediaRecorder). */
export async function clip(page: Page, frames = 45): Promise<FilePayload> {
  const base64 = await page.evaluate(`(${CLIP})(${frames})`) as string;
  return { name: 'clip.mp4', mimeType: 'video/mp4', buffer: Buffer.from(base64, 'base64') };
}

/**
 * A real ZIP of about `bytes` bytes: one entry of incompressible bytes, stored as is. (The media service checks that
 * a document declared as `.zip` is one.)
 */
export function archive(bytes: number): FilePayload {
  const name = Buffer.from('data.bin');
  const overhead = 30 + name.length + 46 + name.length + 22;
  const data = randomBytes(Math.max(1, bytes - overhead));
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + name.length, 12);
  end.writeUInt32LE(30 + name.length + data.length, 16);
  return { name: 'archive.zip', mimeType: 'application/zip', buffer: Buffer.concat([local, name, data, central, name, end]) };
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}
