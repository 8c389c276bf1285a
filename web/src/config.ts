/**
 * Client settings. The defaults suit real use; a developer (or a test) can override any of them for this
 * browser with `localStorage["chirpchat.settings"] = '{"chunkThresholdBytes": 8000000}'`.
 */
export interface Settings {
  /** Files above this size are uploaded in chunks (Cloudinary requires chunking above 100 MB). */
  chunkThresholdBytes: number;
  /** Chunk size: Cloudinary wants at least 5 MB per chunk except the last. */
  chunkBytes: number;
  /** Tries per chunk (or per whole upload) before the upload is reported failed. */
  uploadAttempts: number;
  /** Images are compressed in the browser to about this size before upload. */
  imageMaxMegabytes: number;
  imageMaxDimension: number;
  /** The IndexedDB media cache stays below this many bytes. */
  mediaCacheBytes: number;
  /** WebSocket reconnect backoff. */
  reconnectBaseMs: number;
  reconnectMaxMs: number;
}

const DEFAULTS: Settings = {
  chunkThresholdBytes: 20 * 1024 * 1024,
  chunkBytes: 6 * 1024 * 1024,
  uploadAttempts: 5,
  imageMaxMegabytes: 2,
  imageMaxDimension: 2560,
  mediaCacheBytes: 200 * 1024 * 1024,
  reconnectBaseMs: 500,
  reconnectMaxMs: 10_000,
};

export function settings(): Settings {
  try {
    const raw = globalThis.localStorage?.getItem('chirpchat.settings');
    return { ...DEFAULTS, ...(raw ? (JSON.parse(raw) as Partial<Settings>) : {}) };
  } catch {
    return DEFAULTS;
  }
}

/** Ids for `clientMessageId` and `X-Unique-Upload-Id`; works on plain-http pages too, where randomUUID is absent. */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
