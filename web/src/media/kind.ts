import type { ResourceType } from '../api/types';

/** Which kind of media a picked file becomes (Cloudinary's resource types; audio is its own kind in our API). */
export function resourceTypeOf(file: { type: string; name: string }): ResourceType {
  const type = file.type.toLowerCase();
  if (type.startsWith('image/') && type !== 'image/svg+xml') {
    return 'image';
  }
  if (type.startsWith('video/')) {
    return 'video';
  }
  if (type.startsWith('audio/')) {
    return 'audio';
  }
  return 'raw';
}

/** The file name with its extension matching the (possibly changed by compression) MIME type. */
export function nameFor(name: string, type: string): string {
  const wanted = ({ 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as Record<string, string>)[type];
  if (!wanted) {
    return name;
  }
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (ext === wanted || (wanted === 'jpg' && ext === 'jpeg')) {
    return name;
  }
  return `${dot > 0 ? name.slice(0, dot) : name}.${wanted}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
