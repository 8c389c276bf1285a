import { useRef, useState } from 'preact/hooks';
import { useServices } from './services';

/** Text (Enter sends, Shift+Enter breaks the line) and files (picked, pasted or dropped anywhere on the chat). */
export function Composer({ chatId, onSent }: { chatId: string; onSent: () => void }) {
  const { store } = useServices();
  const [text, setText] = useState('');
  const [dragging, setDragging] = useState(false);
  const picker = useRef<HTMLInputElement>(null);

  const send = () => {
    const value = text.trim();
    if (value) {
      store.outbox.add(chatId, value);
      setText('');
      onSent();
    }
  };
  const files = (list: FileList | null | undefined) => {
    Array.from(list ?? []).forEach((file) => store.uploads.add(chatId, file));
    onSent();
  };

  return (
    <form class={`composer ${dragging ? 'dragging' : ''}`}
          onSubmit={(e) => { e.preventDefault(); send(); }}
          onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => { e.preventDefault(); setDragging(false); files(e.dataTransfer?.files); }}>
      <button type="button" class="attach" aria-label="Attach files" onClick={() => picker.current?.click()}>
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"
             stroke-linecap="round" stroke-linejoin="round">
          <path d="M21 12.5l-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l9.2-9.2a3.7 3.7 0 0 1 5.2 5.2l-9.2 9.2a1.8 1.8 0 0 1-2.6-2.6l8.5-8.5" />
        </svg>
      </button>
      <input ref={picker} type="file" multiple hidden aria-label="Files to send"
             onChange={(e) => { files(e.currentTarget.files); e.currentTarget.value = ''; }} />
      <textarea aria-label="Message" placeholder="Write a message…" rows={1} maxLength={4000} value={text}
                onInput={(e) => setText(e.currentTarget.value)}
                onPaste={(e) => { if (e.clipboardData?.files.length) { e.preventDefault(); files(e.clipboardData.files); } }}
                onKeyDown={(e) => { if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); send(); } }} />
      <button type="submit" disabled={!text.trim()}>Send</button>
      {dragging && <div class="drop-hint" aria-hidden="true">Drop files to send them</div>}
    </form>
  );
}
