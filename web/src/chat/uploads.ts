import type { ApiClient } from '../api/client';
import { ApiError } from '../api/http';
import type { Message, ResourceType, UploadSignature } from '../api/types';
import { randomId, settings } from '../config';
import { backoffDelay } from '../live/backoff';
import { compressImage } from '../media/compress';
import { resourceTypeOf } from '../media/kind';
import { uploadDirect, UploadError } from '../media/upload';

/** A file on its way: compressed, signed, uploaded, then processing until `media_processed`/`media_failed`. */
export interface PendingUpload {
  localId: string;
  chatId: string;
  file: File;
  resourceType: ResourceType;
  clientMessageId: string;
  /** The media message, once the signature request created it. */
  messageId?: string;
  state: 'preparing' | 'uploading' | 'processing' | 'failed';
  /** 0..1 of the bytes sent. */
  progress: number;
  error?: string;
  /** A local preview of an image while it uploads. */
  previewUrl?: string;
  createdAt: string;
  /** Its signature request is on the way (so a live `message_created` of ours may be this one). */
  signing?: boolean;
}

/**
 * Media sending. The placeholder is the media message itself (status `uploading`), with this page's progress
 * on top; it becomes the real media when the chat's `media_processed` event arrives. A retry asks for the
 * signature again with the same `clientMessageId`, which gives the same message: never a second placeholder.
 */
export class Uploads {
  private items: PendingUpload[] = [];

  constructor(private readonly api: ApiClient, private readonly changed: () => void) {}

  add(chatId: string, file: File): PendingUpload {
    const resourceType = resourceTypeOf(file);
    const item: PendingUpload = {
      localId: randomId(), chatId, file, resourceType, clientMessageId: `web-${randomId()}`, state: 'preparing',
      progress: 0, createdAt: new Date().toISOString(),
      previewUrl: resourceType === 'image' ? URL.createObjectURL(file) : undefined,
    };
    this.items.push(item);
    this.changed();
    void this.run(item);
    return item;
  }

  forChat(chatId: string): PendingUpload[] {
    return this.items.filter((i) => i.chatId === chatId);
  }

  byMessage(messageId: string): PendingUpload | undefined {
    return this.items.find((i) => i.messageId === messageId);
  }

  retry(localId: string): void {
    const item = this.items.find((i) => i.localId === localId && i.state === 'failed');
    if (item) {
      item.state = 'preparing';
      item.error = undefined;
      this.changed();
      void this.run(item);
    }
  }

  discard(localId: string): void {
    this.items = this.items.filter((i) => {
      if (i.localId === localId && i.state === 'failed') {
        if (i.previewUrl) {
          URL.revokeObjectURL(i.previewUrl);
        }
        return false;
      }
      return true;
    });
    this.changed();
  }

  /** A media message of ours arrived or changed: bind it, and let go once the media is settled. */
  sawOwn(message: Message): void {
    if (!message.media) {
      return;
    }
    let item = this.byMessage(message.id);
    item ??= this.items.find((i) => i.signing && !i.messageId && i.chatId === message.chatId
      && i.resourceType === message.media?.resourceType);
    if (!item) {
      return;
    }
    item.messageId = message.id;
    if (message.deleted || message.media.status === 'ready' || message.media.status === 'failed') {
      this.items = this.items.filter((i) => i !== item);
      if (item.previewUrl) {
        URL.revokeObjectURL(item.previewUrl);
      }
    }
    this.changed();
  }

  dropChat(chatId: string): void {
    this.items = this.items.filter((i) => i.chatId !== chatId);
  }

  private async run(item: PendingUpload): Promise<void> {
    const config = settings();
    try {
      if (item.resourceType === 'image') {
        item.file = await compressImage(item.file, config.imageMaxMegabytes, config.imageMaxDimension);
      }
      const signature = await this.sign(item);
      item.messageId = signature.messageId;
      item.state = 'uploading';
      this.changed();
      let lastPaint = 0;
      await uploadDirect(signature, item.file, {
        chunkThresholdBytes: config.chunkThresholdBytes,
        chunkBytes: config.chunkBytes,
        attempts: config.uploadAttempts,
        uniqueId: randomId,
        resign: () => this.sign(item),
        onProgress: (fraction) => {
          item.progress = fraction;
          if (Date.now() - lastPaint > 100 || fraction >= 1) {
            lastPaint = Date.now();
            this.changed();
          }
        },
      });
      if (this.items.includes(item)) {
        item.state = 'processing';
        item.progress = 1;
      }
    } catch (e) {
      item.state = 'failed';
      item.error = e instanceof UploadError ? `The media service refused the upload: ${e.message}`
        : e instanceof Error ? e.message : String(e);
      if (e instanceof UploadError && !e.transient && item.messageId) {
        await this.reportRefusal(item, e.message);
      }
    }
    this.changed();
  }

  /**
   * Tells the server the store refused the upload, so the media message fails for everyone now rather than at the
   * upload timeout. That message is settled: a retry starts a new one (a fresh `clientMessageId`).
   */
  private async reportRefusal(item: PendingUpload, reason: string): Promise<void> {
    const messageId = item.messageId;
    if (!messageId) {
      return;
    }
    item.clientMessageId = `web-${randomId()}`;
    item.messageId = undefined;
    try {
      this.sawOwn(await this.api.reportUploadRefused(messageId, reason));
    } catch {
      // the server will still fail it at the upload timeout; nothing more to do from here
    }
  }

  private async sign(item: PendingUpload): Promise<UploadSignature> {
    item.signing = true;
    try {
      return await this.signWithRetries(item);
    } finally {
      item.signing = false;
    }
  }

  private async signWithRetries(item: PendingUpload): Promise<UploadSignature> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.api.uploadSignature({
          chatId: item.chatId, resourceType: item.resourceType, fileName: item.file.name, bytes: item.file.size,
          clientMessageId: item.clientMessageId,
        });
      } catch (e) {
        if (!(e instanceof ApiError) || !e.transient || attempt >= 4) {
          throw e;
        }
        await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, 1_000, 10_000)));
      }
    }
  }
}
