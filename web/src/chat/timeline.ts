import type { MediaStatus, Message, MessagePage } from '../api/types';

const STATUS_RANK: Record<MediaStatus, number> = { uploading: 0, processing: 1, ready: 2, failed: 2 };

/**
 * The messages of one chat that the page has loaded, by id. A message only ever moves forward: a tombstone
 * stays a tombstone and media never goes back from `ready` to `uploading`, whatever order the history page,
 * live events and catch-up deliver its states in.
 */
export class Timeline {
  private readonly byId = new Map<string, Message>();
  /** The `before` of the next older page; null once the start of the chat is loaded. */
  nextBefore: number | null = null;
  loaded = false;

  addPage(page: MessagePage): void {
    page.items.forEach((m) => this.upsert(m));
    this.nextBefore = page.nextBefore;
    this.loaded = true;
  }

  upsert(message: Message): void {
    const known = this.byId.get(message.id);
    if (!known || isNewer(message, known)) {
      this.byId.set(message.id, message);
    }
  }

  markDeleted(messageId: string): void {
    const known = this.byId.get(messageId);
    if (known && !known.deleted) {
      this.byId.set(messageId, { ...known, deleted: true, text: null, media: null });
    }
  }

  get(messageId: string): Message | undefined {
    return this.byId.get(messageId);
  }

  has(messageId: string): boolean {
    return this.byId.has(messageId);
  }

  /** Oldest first. */
  messages(): Message[] {
    return [...this.byId.values()].sort((a, b) => a.seq - b.seq);
  }

  get size(): number {
    return this.byId.size;
  }
}

function isNewer(candidate: Message, known: Message): boolean {
  if (known.deleted) {
    return false;
  }
  if (candidate.deleted) {
    return true;
  }
  if (candidate.media && known.media) {
    return STATUS_RANK[candidate.media.status] >= STATUS_RANK[known.media.status];
  }
  return true;
}
