import type { User } from '../api/types';

/**
 * Names of the people this browser has met. The contract has no lookup of a user by id (only by exact
 * username), so the page knows the names of its own user and of everyone it looked up by username; anyone
 * else is shown by a short form of their id.
 */
export class People {
  private readonly known = new Map<string, User>();

  constructor(private readonly storage: Storage | undefined = globalThis.localStorage, private readonly key = 'chirpchat.people') {
    try {
      const raw = storage?.getItem(key);
      (raw ? (JSON.parse(raw) as User[]) : []).forEach((u) => this.known.set(u.id, u));
    } catch {
      // a corrupt entry only costs names
    }
  }

  remember(user: User): void {
    this.known.set(user.id, user);
    this.storage?.setItem(this.key, JSON.stringify([...this.known.values()].slice(-500)));
  }

  name(userId: string): string {
    const user = this.known.get(userId);
    return user ? user.displayName : `user ${userId.slice(0, 8)}`;
  }

  get(userId: string): User | undefined {
    return this.known.get(userId);
  }
}
