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
      store.send(chatId, value);
      setText('');
      onSent();
    }
  };
  const files = (list: FileList | null | undefined) => {
    Array.from(list ?? []).forEach((file) => store.sendFile(chatId, file));
    onSent();
  };

  return (
    <form class={`composer ${dragging ? 'dragging' : ''}`}
          onSubmit={(e) => { e.preventDefault(); send(); }}
          onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => { e.preventDefault(); setDragging(false); files(e.dataTransfer?.files); }}>
      <button type="button" class="attach" aria-label="Attach files" onClick={() => picker.current?.click()}>📎</button>
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
