import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { chatPath, navigate } from './router';
import { describe } from './hooks';
import { useServices } from './services';

/** The user's chats, most recently active first, and a form to start one. */
export function ChatList({ activeId }: { activeId?: string }) {
  const { store } = useServices();
  const [creating, setCreating] = useState(false);
  const chats = store.sortedChats();
  return (
    <nav class="chat-list">
      <div class="chat-list-head">
        <h2>Chats</h2>
        <button type="button" aria-expanded={creating} onClick={() => setCreating(!creating)}>New chat</button>
      </div>
      {creating && <NewChat onDone={() => setCreating(false)} />}
      {chats.length === 0 && !creating && <p class="empty">No chats yet.</p>}
      <ul>
        {chats.map(({ chat, unread }) => (
          <li key={chat.id}>
            <a href={chatPath(chat.id)} aria-current={chat.id === activeId ? 'page' : undefined}
               onClick={(e) => { e.preventDefault(); navigate(chatPath(chat.id)); }}>
              <span class="chat-title">{chat.title}</span>
              <span class="chat-meta">{chat.members.length} {chat.members.length === 1 ? 'member' : 'members'}</span>
              {unread > 0 && <span class="badge" aria-label={`${unread} unread`}>{unread}</span>}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function NewChat({ onDone }: { onDone: () => void }) {
  const { store } = useServices();
  const [title, setTitle] = useState('');
  const [people, setPeople] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => first.current?.focus(), []);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const usernames = people.split(/[\s,]+/).map((u) => u.replace(/^@/, '')).filter(Boolean);
      const chat = await store.membership.createChat(title.trim(), usernames);
      onDone();
      navigate(chatPath(chat.id));
    } catch (err) {
      setError(describe(err));
      setBusy(false);
    }
  };
  return (
    <form class="new-chat" onSubmit={submit} aria-label="New chat">
      <label>Title
        <input name="title" required maxLength={200} value={title} onInput={(e) => setTitle(e.currentTarget.value)} ref={first} />
      </label>
      <label>People (usernames, comma-separated)
        <input name="people" value={people} placeholder="bob, carol" onInput={(e) => setPeople(e.currentTarget.value)} />
      </label>
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit" disabled={busy}>Create</button>
    </form>
  );
}
