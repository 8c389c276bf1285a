import imageCompression from 'browser-image-compression';
// served from our own /assets/, not the library's default CDN: the worker imports it by URL
import compressionLibUrl from 'browser-image-compression/dist/browser-image-compression.js?url';
import { nameFor } from './kind';

const COMPRESSIBLE = new Set(['image/jpeg', 'image/png', 'image/webp']);

/**
 * Shrinks a photo in the browser before it is uploaded (in a Web Worker), like the product's client does:
 * a phone photo of several megabytes becomes a fraction of that with no visible loss. GIFs (animation) and
 * formats the canvas cannot encode are uploaded as they are, and so is anything that compression made bigger.
 */
export async function compressImage(file: File, maxMegabytes: number, maxDimension: number): Promise<File> {
  if (!COMPRESSIBLE.has(file.type)) {
    return file;
  }
  const bitmap = await createImageBitmap(file).catch(() => undefined);
  const largest = bitmap ? Math.max(bitmap.width, bitmap.height) : 0;
  bitmap?.close();
  if (file.size <= maxMegabytes * 1024 * 1024 * 0.5 && largest <= maxDimension) {
    return file; // already small: recompressing would only lose quality
  }
  const compressed = await imageCompression(file, {
    maxSizeMB: maxMegabytes,
    maxWidthOrHeight: maxDimension,
    useWebWorker: true,
    libURL: new URL(compressionLibUrl, location.href).href,
    initialQuality: 0.85,
  });
  if (compressed.size >= file.size) {
    return file;
  }
  return new File([compressed], nameFor(file.name, compressed.type), { type: compressed.type, lastModified: file.lastModified });
}
