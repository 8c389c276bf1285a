import type { ApiClient } from '../api/client';
import type { MediaAccess, MediaLink } from '../api/types';

/**
 * Links are renewed this long before they expire, so that a URL handed to the browser still works when used:
 * ten seconds, or a quarter of their life when that is shorter.
 */
const MARGIN_MS = 10_000;

/**
 * The expiring links of media messages (`GET /media/{id}`): kept while valid, fetched again shortly before they
 * expire or when a URL stopped working, one request at a time per message.
 */
export class MediaLinks {
  private readonly known = new Map<string, { access: MediaAccess; fetchedAt: number }>();
  private readonly inFlight = new Map<string, Promise<MediaAccess>>();
  /** Requests made to GET /media, for the curious (the page shows nothing of it). */
  fetches = 0;

  constructor(private readonly api: ApiClient, private readonly now: () => number = Date.now) {}

  async get(messageId: string): Promise<MediaAccess> {
    const known = this.known.get(messageId);
    if (known && this.fresh(known.access, known.fetchedAt)) {
      return known.access;
    }
    return this.refresh(messageId);
  }

  /** A link of `variant` ('original' for the original), fresh. */
  async link(messageId: string, variant: string): Promise<MediaLink | undefined> {
    const access = await this.get(messageId);
    return variant === 'original' ? access.original : access.variants?.[variant];
  }

  /** Fetches new links even if the known ones look valid (one of them just failed). */
  refresh(messageId: string): Promise<MediaAccess> {
    let request = this.inFlight.get(messageId);
    if (!request) {
      this.fetches++;
      const fetchedAt = this.now();
      request = this.api.media(messageId).then((access) => {
        this.known.set(messageId, { access, fetchedAt });
        return access;
      }).finally(() => this.inFlight.delete(messageId));
      this.inFlight.set(messageId, request);
    }
    return request;
  }

  forget(messageId: string): void {
    this.known.delete(messageId);
  }

  private fresh(access: MediaAccess, fetchedAt: number): boolean {
    if (access.status !== 'ready' || !access.expiresAt) {
      return false;
    }
    const expires = Date.parse(access.expiresAt);
    const margin = Math.min(MARGIN_MS, (expires - fetchedAt) / 4);
    return expires - margin > this.now();
  }
}
