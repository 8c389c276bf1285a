import { useState } from 'preact/hooks';
import type { ChatEntry } from '../chat/store';
import { describe } from './hooks';
import { APP, navigate } from './router';
import { useServices } from './services';

/** Who is in the chat; owners and admins add people by username and remove them; anyone can leave. */
export function Members({ entry }: { entry: ChatEntry }) {
  const { store } = useServices();
  const { chat } = entry;
  const [username, setUsername] = useState('');
  const [error, setError] = useState<string | undefined>();
  const myRole = chat.members.find((m) => m.userId === store.me.id)?.role;
  const manages = myRole === 'owner' || myRole === 'admin';

  const act = async (work: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(describe(e));
    }
  };
  const add = (e: Event) => {
    e.preventDefault();
    void act(async () => {
      await store.membership.addPerson(chat.id, username);
      setUsername('');
    });
  };
  const leave = () => void act(async () => {
    await store.membership.removeMember(chat.id, store.me.id);
    navigate(APP);
  });

  return (
    <section class="members" aria-label="Members">
      <ul>
        {chat.members.map((m) => (
          <li key={m.userId}>
            <span>{m.userId === store.me.id ? 'You' : store.people.name(m.userId)}</span>
            <span class="role">{m.role}</span>
            {manages && m.userId !== store.me.id && (
              <button type="button" aria-label={`Remove ${store.people.name(m.userId)}`}
                      onClick={() => void act(() => store.membership.removeMember(chat.id, m.userId))}>Remove</button>
            )}
          </li>
        ))}
      </ul>
      {manages && (
        <form onSubmit={add} aria-label="Add someone">
          <label>Add by username
            <input name="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
          </label>
          <button type="submit">Add</button>
        </form>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      <button type="button" class="danger" onClick={leave}>Leave chat</button>
    </section>
  );
}
