import { ApiError, request, type RequestOptions } from './http';
import type {
  Chat, EventPage, MediaAccess, Membership, Message, MessagePage, ResourceType, UploadSignature, User,
} from './types';

/** Where the client gets its access token, and how it gets a fresh one when the server refuses the current one. */
export interface TokenSource {
  token(): Promise<string>;
  /** Called after a 401 for `rejected`; true when a different, fresh token is now available. */
  renew(rejected: string): Promise<boolean>;
}

export interface UploadRequest {
  chatId: string;
  resourceType: ResourceType;
  fileName: string;
  bytes: number;
  clientMessageId: string;
}

/** The authenticated part of the public API (shared/API.md), one method per endpoint. */
export class ApiClient {
  constructor(private readonly auth: TokenSource) {}

  me(): Promise<User> {
    return this.call('/users/me');
  }

  async findUser(username: string): Promise<User | undefined> {
    const page = await this.call<{ items: User[] }>(`/users?username=${encodeURIComponent(username)}`);
    return page.items[0];
  }

  async chats(): Promise<Chat[]> {
    return (await this.call<{ items: Chat[] }>('/chats')).items;
  }

  chat(chatId: string): Promise<Chat> {
    return this.call(`/chats/${chatId}`);
  }

  createChat(title: string, memberIds: string[]): Promise<Chat> {
    return this.call('/chats', { method: 'POST', body: { title, memberIds } });
  }

  addMember(chatId: string, userId: string): Promise<Membership> {
    return this.call(`/chats/${chatId}/members`, { method: 'POST', body: { userId } });
  }

  removeMember(chatId: string, userId: string): Promise<void> {
    return this.call(`/chats/${chatId}/members/${userId}`, { method: 'DELETE' });
  }

  messages(chatId: string, before?: number, limit = 50): Promise<MessagePage> {
    const cursor = before === undefined ? '' : `&before=${before}`;
    return this.call(`/chats/${chatId}/messages?limit=${limit}${cursor}`);
  }

  postMessage(chatId: string, text: string, clientMessageId: string): Promise<Message> {
    return this.call(`/chats/${chatId}/messages`, { method: 'POST', body: { text, clientMessageId } });
  }

  deleteMessage(messageId: string): Promise<void> {
    return this.call(`/messages/${messageId}`, { method: 'DELETE' });
  }

  events(chatId: string, after: number, limit = 500): Promise<EventPage> {
    return this.call(`/chats/${chatId}/events?after=${after}&limit=${limit}`);
  }

  uploadSignature(upload: UploadRequest): Promise<UploadSignature> {
    return this.call('/uploads/get-cloudinary-upload-signature', { method: 'POST', body: upload });
  }

  media(messageId: string): Promise<MediaAccess> {
    return this.call(`/media/${messageId}`);
  }

  /** The media store refused our upload: the media fails now, for every member (`media_failed`). */
  reportUploadRefused(messageId: string, reason: string): Promise<Message> {
    return this.call(`/media/${messageId}/failed`, { method: 'POST', body: { reason: reason.slice(0, 500) || 'refused' } });
  }

  private async call<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const token = await this.auth.token();
    try {
      return await request<T>(path, { ...options, token });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401 && await this.auth.renew(token)) {
        return request<T>(path, { ...options, token: await this.auth.token() });
      }
      throw e;
    }
  }
}
