import { useEffect, useRef, useState } from 'preact/hooks';
import type { Chat, Message } from '../api/types';
import type { PendingText } from '../chat/outbox';
import type { PendingUpload } from '../chat/uploads';
import { formatBytes } from '../media/kind';
import { describe } from './hooks';
import { MediaBody, Progress } from './media/MediaBody';
import { useServices } from './services';

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export function MessageItem({ message, chat }: { message: Message; chat: Chat }) {
  const { store } = useServices();
  const mine = message.authorId === store.me.id;
  const role = chat.members.find((m) => m.userId === store.me.id)?.role;
  const canDelete = !message.deleted && (mine || role === 'owner' || role === 'admin');
  return (
    <li class={`message ${mine ? 'mine' : ''} ${message.deleted ? 'deleted' : ''}`} data-message-id={message.id}
        data-seq={message.seq} data-kind={message.kind} data-media-status={message.media?.status}>
      <div class="meta">
        <span class="author">{mine ? 'You' : store.people.name(message.authorId)}</span>
        <time dateTime={message.createdAt}>{TIME.format(new Date(message.createdAt))}</time>
      </div>
      {message.deleted ? <p class="tombstone">Message deleted</p>
        : message.kind === 'text' ? <p class="text">{message.text}</p>
          : <MediaBody message={message} />}
      {canDelete && <DeleteButton message={message} />}
    </li>
  );
}

function DeleteButton({ message }: { message: Message }) {
  const { store } = useServices();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), [confirming]);
  if (!confirming) {
    return <button type="button" class="action" onClick={() => setConfirming(true)}>Delete</button>;
  }
  return (
    <span class="confirm">
      <button type="button" class="danger" ref={confirm}
              onClick={() => store.deleteMessage(message).catch((e) => setError(describe(e)))}>Delete for everyone</button>
      <button type="button" onClick={() => setConfirming(false)}>Keep</button>
      {error && <span class="error" role="alert">{error}</span>}
    </span>
  );
}

/** A text message not confirmed by the server yet: sending, waiting to retry, or refused. */
export function PendingTextItem({ pending }: { pending: PendingText }) {
  const { store } = useServices();
  return (
    <li class={`message mine pending pending-${pending.state}`} data-pending={pending.state}>
      <div class="meta">
        <span class="author">You</span>
        <span class="status">{pending.state === 'sending' ? 'Sending…'
          : pending.state === 'waiting' ? 'Not sent yet — retrying' : 'Not sent'}</span>
      </div>
      <p class="text">{pending.text}</p>
      {pending.state === 'failed' && (
        <span class="confirm">
          <span class="error">{pending.error}</span>
          <button type="button" onClick={() => store.outbox.retry(pending.localId)}>Retry</button>
          <button type="button" onClick={() => { store.outbox.discard(pending.localId); store.changed(); }}>Discard</button>
        </span>
      )}
    </li>
  );
}

/** A file whose media message does not exist (or has not arrived) yet. */
export function PendingUploadItem({ upload }: { upload: PendingUpload }) {
  const { store } = useServices();
  return (
    <li class="message mine pending" data-pending-upload={upload.state}>
      <div class="meta"><span class="author">You</span></div>
      <div class="media placeholder">
        {upload.previewUrl && <img class="local-preview" src={upload.previewUrl} alt="" />}
        <span>{upload.file.name} · {formatBytes(upload.file.size)}</span>
        {upload.state === 'failed' ? (
          <span class="confirm">
            <span class="error" role="alert">{upload.error}</span>
            <button type="button" onClick={() => store.uploads.retry(upload.localId)}>Retry</button>
            <button type="button" onClick={() => store.uploads.discard(upload.localId)}>Discard</button>
          </span>
        ) : <Progress upload={upload} />}
      </div>
    </li>
  );
}
