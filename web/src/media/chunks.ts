/** One chunk of a chunked upload: bytes `start` to `end`, both inclusive (as in Content-Range). */
export interface Chunk {
  start: number;
  end: number;
}

/** Splits a file into consecutive chunks of `chunkBytes` (the last one shorter). */
export function planChunks(size: number, chunkBytes: number): Chunk[] {
  if (size <= 0 || chunkBytes <= 0) {
    return [];
  }
  const chunks: Chunk[] = [];
  for (let start = 0; start < size; start += chunkBytes) {
    chunks.push({ start, end: Math.min(size, start + chunkBytes) - 1 });
  }
  return chunks;
}

/** `Content-Range` as Cloudinary's chunked upload takes it; the browser knows the total from the start. */
export function contentRange(chunk: Chunk, total: number): string {
  return `bytes ${chunk.start}-${chunk.end}/${total}`;
}
