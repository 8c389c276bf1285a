import type { MediaCache } from './cache';
import type { MediaLinks } from './links';

/**
 * Gets a variant's bytes as an object URL: from the IndexedDB cache when it has them, else through a fresh
 * link, which is fetched again once if the URL stopped working between signing and use.
 */
export class MediaLoader {
  private readonly urls = new Map<string, Promise<string>>();

  constructor(private readonly links: MediaLinks, private readonly cache: MediaCache) {}

  objectUrl(messageId: string, variant: string): Promise<string> {
    const key = `${messageId}:${variant}`;
    let url = this.urls.get(key);
    if (!url) {
      url = this.load(messageId, variant).then((blob) => URL.createObjectURL(blob));
      url.catch(() => this.urls.delete(key));
      this.urls.set(key, url);
    }
    return url;
  }

  async blob(messageId: string, variant: string): Promise<Blob> {
    return this.load(messageId, variant);
  }

  forget(messageId: string): void {
    for (const [key, url] of this.urls) {
      if (key.startsWith(messageId + ':')) {
        void url.then((u) => URL.revokeObjectURL(u), () => undefined);
        this.urls.delete(key);
      }
    }
    this.links.forget(messageId);
    void this.cache.forget(messageId);
  }

  private async load(messageId: string, variant: string): Promise<Blob> {
    const cached = await this.cache.get(messageId, variant).catch(() => undefined);
    if (cached) {
      return cached;
    }
    let response = await this.fetchVariant(messageId, variant, false);
    if (!response.ok) {
      response = await this.fetchVariant(messageId, variant, true); // expired or revoked meanwhile: re-sign
    }
    if (!response.ok) {
      throw new Error(`${variant} of ${messageId}: HTTP ${response.status}`);
    }
    const blob = await response.blob();
    await this.cache.put(messageId, variant, blob).catch(() => undefined);
    return blob;
  }

  private async fetchVariant(messageId: string, variant: string, renew: boolean): Promise<Response> {
    if (renew) {
      await this.links.refresh(messageId);
    }
    const link = await this.links.link(messageId, variant);
    if (!link) {
      throw new Error(`${messageId} has no ${variant}`);
    }
    return fetch(link.url, { cache: 'no-store' });
  }
}
