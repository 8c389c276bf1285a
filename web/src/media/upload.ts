import type { UploadSignature } from '../api/types';
import { backoffDelay } from '../live/backoff';
import { contentRange, planChunks, type Chunk } from './chunks';

/** The media store refused or failed an upload request. */
export class UploadError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'UploadError';
  }

  /** The network or the store failed, not the request: the same request may succeed later. */
  get transient(): boolean {
    return this.status === 0 || this.status === 420 || this.status === 429 || this.status >= 500;
  }
}

export interface UploadOptions {
  chunkThresholdBytes: number;
  chunkBytes: number;
  /** Tries per request (the whole file, or one chunk) before giving up. */
  attempts: number;
  onProgress(fraction: number): void;
  /** A fresh signature for the same message (the old one may have gone stale during a long upload). */
  resign(): Promise<UploadSignature>;
  /** Waits between tries; tests and callers may shorten it. */
  delay?: (ms: number) => Promise<void>;
  uniqueId(): string;
}

/**
 * Uploads a file straight from the page to the signed `uploadUrl`, as Cloudinary's upload widget does: one
 * multipart POST with every signed parameter, or, above the threshold, consecutive chunks that each carry the
 * same `X-Unique-Upload-Id` and their `Content-Range`. A chunk that fails (connection dropped, store
 * unavailable) is sent again, so a long upload survives a bad connection without starting over.
 */
export async function uploadDirect(signature: UploadSignature, file: File, options: UploadOptions): Promise<unknown> {
  const wait = options.delay ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let current = signature;
  const send = async (body: () => FormData, headers: Record<string, string>, progress: (loaded: number) => void) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await post(current.uploadUrl, body(), headers, progress);
      } catch (e) {
        const error = e instanceof UploadError ? e : new UploadError(0, String(e));
        if (isStale(error)) {
          current = await options.resign();
        } else if (!error.transient || attempt + 1 >= options.attempts) {
          throw error;
        }
        await wait(backoffDelay(attempt, 500, 5_000));
      }
    }
  };

  if (file.size <= options.chunkThresholdBytes) {
    return send(() => form(current, file, file.name), {}, (loaded) => options.onProgress(loaded / Math.max(1, file.size)));
  }
  const uploadId = options.uniqueId();
  let done = 0;
  let last: unknown;
  for (const chunk of planChunks(file.size, options.chunkBytes)) {
    last = await send(() => form(current, file.slice(chunk.start, chunk.end + 1), file.name),
      { 'X-Unique-Upload-Id': uploadId, 'Content-Range': contentRange(chunk, file.size) },
      (loaded) => options.onProgress((done + Math.min(loaded, size(chunk))) / file.size));
    done += size(chunk);
    options.onProgress(done / file.size);
  }
  return last;
}

function size(chunk: Chunk): number {
  return chunk.end - chunk.start + 1;
}

/** `file` plus `api_key`, `timestamp`, `signature` and every signed parameter, unchanged. */
function form(signature: UploadSignature, file: Blob, name: string): FormData {
  const data = new FormData();
  Object.entries(signature.params).forEach(([key, value]) => data.append(key, value));
  data.append('api_key', signature.apiKey);
  data.append('timestamp', String(signature.timestamp));
  data.append('signature', signature.signature);
  data.append('file', file, name);
  return data;
}

/** Cloudinary refuses signatures older than an hour with 400 "Stale request". */
function isStale(error: UploadError): boolean {
  return error.status === 400 && /stale request/i.test(error.message);
}

/** XMLHttpRequest rather than fetch: only it reports upload progress. */
function post(url: string, body: FormData, headers: Record<string, string>, progress: (loaded: number) => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    Object.entries(headers).forEach(([name, value]) => xhr.setRequestHeader(name, value));
    xhr.upload.onprogress = (e) => progress(e.loaded);
    xhr.onerror = () => reject(new UploadError(0, 'the connection to the media service failed'));
    xhr.ontimeout = () => reject(new UploadError(0, 'the media service did not answer in time'));
    xhr.onload = () => {
      let answer: { error?: { message?: string } } | undefined;
      try {
        answer = JSON.parse(xhr.responseText);
      } catch {
        answer = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(answer);
      } else {
        reject(new UploadError(xhr.status, answer?.error?.message ?? `upload failed (HTTP ${xhr.status})`));
      }
    };
    xhr.send(body);
  });
}
