/** Direct calls to the public API, for setting the scene around what the browser does. */
export class Api {
  constructor(private readonly base: string) {}

  async logIn(username: string, password = 'correct horse battery'): Promise<{ token: string; refreshToken?: string }> {
    const tokens = await this.call<{ accessToken: string; refreshToken?: string }>('POST', '/auth/login', { username, password });
    return { token: tokens.accessToken, refreshToken: tokens.refreshToken };
  }

  async chatId(token: string, title: string): Promise<string> {
    const chats = await this.call<{ items: { id: string; title: string }[] }>('GET', '/chats', undefined, token);
    const chat = chats.items.find((c) => c.title === title);
    if (!chat) {
      throw new Error(`no chat "${title}"`);
    }
    return chat.id;
  }

  post(token: string, chatId: string, text: string): Promise<{ id: string; seq: number }> {
    return this.call('POST', `/chats/${chatId}/messages`, { text, clientMessageId: `test-${crypto.randomUUID()}` }, token);
  }

  async call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
    const response = await fetch(this.base + path, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`${method} ${path}: ${response.status} ${text}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
