import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ChatEntry } from '../chat/store';
import { Composer } from './Composer';
import { Members } from './Members';
import { MessageItem, PendingTextItem, PendingUploadItem } from './MessageItem';
import { APP, navigate } from './router';
import { useServices } from './services';

/** One chat: its history (older pages on demand), what is still being sent, and the composer. */
export function ChatView({ entry }: { entry: ChatEntry }) {
  const { store } = useServices();
  const [showMembers, setShowMembers] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  const stick = useRef(true);
  const heightBefore = useRef(0);
  const { chat, timeline } = entry;
  const messages = timeline.messages();
  const pendingTexts = store.outbox.forChat(chat.id).filter((p) => !p.messageId || !timeline.has(p.messageId));
  const pendingUploads = store.uploads.forChat(chat.id).filter((u) => !u.messageId || !timeline.has(u.messageId));
  const count = messages.length + pendingTexts.length + pendingUploads.length;

  useLayoutEffect(() => {
    const el = list.current;
    if (!el) {
      return;
    }
    if (heightBefore.current) {
      el.scrollTop += el.scrollHeight - heightBefore.current; // an older page went on top: stay put
      heightBefore.current = 0;
    } else if (stick.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [count, timeline.loaded]);

  const older = () => {
    heightBefore.current = list.current?.scrollHeight ?? 0;
    void store.loadOlder(chat.id);
  };
  const onScroll = () => {
    const el = list.current;
    if (el) {
      stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
      if (el.scrollTop < 40 && timeline.nextBefore !== null && !entry.loadingOlder && timeline.loaded) {
        older();
      }
    }
  };

  return (
    <section class="chat" aria-label={`Chat ${chat.title}`}>
      <header class="chat-head">
        <button type="button" class="back" aria-label="Back to chats" onClick={() => navigate(APP)}>←</button>
        <h2>{chat.title}</h2>
        <button type="button" aria-expanded={showMembers} onClick={() => setShowMembers(!showMembers)}>
          Members ({chat.members.length})
        </button>
      </header>
      {showMembers && <Members entry={entry} />}
      <ol class="messages" ref={list} onScroll={onScroll} aria-label="Messages" aria-live="polite">
        {timeline.loaded && timeline.nextBefore !== null && (
          <li class="older">
            <button type="button" onClick={older} disabled={entry.loadingOlder}>
              {entry.loadingOlder ? 'Loading…' : 'Load earlier messages'}
            </button>
          </li>
        )}
        {!timeline.loaded && <li class="empty">Loading…</li>}
        {timeline.loaded && count === 0 && <li class="empty">No messages yet. Say hello!</li>}
        {messages.map((m) => <MessageItem key={m.id} message={m} chat={chat} />)}
        {pendingUploads.map((u) => <PendingUploadItem key={u.localId} upload={u} />)}
        {pendingTexts.map((p) => <PendingTextItem key={p.localId} pending={p} />)}
      </ol>
      <Composer chatId={chat.id} onSent={() => (stick.current = true)} />
    </section>
  );
}
