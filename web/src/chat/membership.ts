import type { ApiClient } from '../api/client';
import { ApiError } from '../api/http';
import type { Chat, User } from '../api/types';
import type { People } from './people';

/** What the store does when a chat starts here or is left from here. */
export interface MembershipHooks {
  created(chat: Chat): void;
  /** About to leave: the coming `member_removed` of ours is a leave, not a removal. */
  leaving(chatId: string, yes: boolean): void;
  left(chatId: string): void;
}

/** Starting chats and changing who is in them, by username: the contract finds people only by exact username. */
export class Membership {
  constructor(private readonly api: ApiClient, private readonly people: People, private readonly me: User,
              private readonly hooks: MembershipHooks) {}

  async createChat(title: string, usernames: string[]): Promise<Chat> {
    const members = await Promise.all(usernames.map((name) => this.findPerson(name)));
    const chat = await this.api.createChat(title, members.map((m) => m.id));
    this.hooks.created(chat);
    return chat;
  }

  async addPerson(chatId: string, username: string): Promise<User> {
    const user = await this.findPerson(username);
    await this.api.addMember(chatId, user.id);
    return user;
  }

  /** Removes someone (owners and admins), or leaves when it is us. */
  async removeMember(chatId: string, userId: string): Promise<void> {
    const self = userId === this.me.id;
    this.hooks.leaving(chatId, self);
    try {
      await this.api.removeMember(chatId, userId);
    } catch (e) {
      this.hooks.leaving(chatId, false);
      throw e;
    }
    if (self) {
      this.hooks.left(chatId);
    }
  }

  async findPerson(username: string): Promise<User> {
    const user = await this.api.findUser(username.trim().toLowerCase());
    if (!user) {
      throw new ApiError(404, 'not_found', `Nobody is called “${username.trim()}”.`);
    }
    this.people.remember(user);
    return user;
  }
}
